// The handout's pictograms: one stick figure per kind of exercise, drawn
// here as inline SVG (no image is loaded). A reminder of the kind of work,
// not an instruction: the steps say how.
#include <fmt/format.h>

#include "handout_model.hpp"

namespace rehab::detail {

namespace {

// Shared pieces, in a 60 x 60 box: a standing figure's head, trunk and arms.
constexpr std::string_view head = R"(<circle cx="30" cy="9" r="5"/>)";
constexpr std::string_view trunk = R"(<path d="M30 14V35M30 20L21 31M30 20L39 31"/>)";
constexpr std::string_view legs = R"(<path d="M30 35L25 52M30 35L35 52"/>)";
constexpr std::string_view step =
    R"(<rect x="8" y="52" width="22" height="6" fill="#a9c8de" stroke="none"/>)";

struct drawing {
    std::string_view label;
    std::string body;
};

drawing draw(exercise_kind kind) {
    switch (kind) {
    case exercise_kind::stretch: // leaning on a wall, back leg straight
        return {"a calf stretch against a wall",
                "<path d=\"M54 6V58\"/><circle cx=\"42\" cy=\"12\" r=\"5\"/>"
                "<path d=\"M40 17L30 36M38 21L53 19M36 26L53 27M30 36L40 46L40 56M30 36L14 56\"/>"};
    case exercise_kind::eccentric: // on a step edge, lowering: an arrow down
        return {"lowering slowly from a step edge",
                std::string(step) + std::string(head) + std::string(trunk) +
                    "<path d=\"M30 35L27 52M30 35L33 52\"/>"
                    "<path d=\"M50 16V44M45 38L50 44L55 38\"/>"};
    case exercise_kind::concentric_eccentric: // rising and lowering: an arrow both ways
        return {"rising onto the toes and lowering",
                std::string(head) + std::string(trunk) + std::string(legs) +
                    "<path d=\"M50 14V46M45 20L50 14L55 20M45 40L50 46L55 40\"/><path "
                    "d=\"M14 56H46\"/>"};
    case exercise_kind::isometric: // holding still: a clock
        return {"holding a position",
                std::string(head) + std::string(trunk) + std::string(legs) +
                    "<circle cx=\"50\" cy=\"14\" r=\"7\"/><path d=\"M50 9V14L54 16\"/>"
                    "<path d=\"M14 56H46\"/>"};
    case exercise_kind::balance: // on one leg, arms out
        return {"standing on one leg",
                std::string(head) +
                    "<path d=\"M30 14V35M30 21H14M30 21H46M30 35V55M30 35L39 43L35 49\"/>"
                    "<path d=\"M18 56H42\"/>"};
    case exercise_kind::mobility: // the ankle moving through its range
        return {"moving the ankle",
                "<path d=\"M20 6V40L42 44\"/><path d=\"M50 26A16 16 0 0 1 44 54\"/>"
                "<path d=\"M50 26L45 29M50 26L53 31M44 54L46 48M44 54L38 52\"/>"};
    case exercise_kind::plyometric: // off the ground: lines under the feet
        return {"small quick hops",
                "<circle cx=\"30\" cy=\"7\" r=\"5\"/><path d=\"M30 12V31M30 18L20 12M30 18L40 "
                "12M30 31L24 38L27 45M30 31L36 38L33 45\"/><path d=\"M22 52H38M25 56H35\" "
                "stroke-width=\"2\"/><path d=\"M50 40V14M45 20L50 14L55 20\"/>"};
    }
    return {"an exercise", std::string(head) + std::string(trunk) + std::string(legs)};
}

} // namespace

void append_pictogram(std::string& out, exercise_kind kind) {
    const drawing d = draw(kind);
    out += fmt::format("<svg class=\"pictogram\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 "
                       "0 60 60\" role=\"img\" aria-label=\"{}\"><g fill=\"none\" "
                       "stroke=\"#1f5f8b\" stroke-width=\"3\" stroke-linecap=\"round\" "
                       "stroke-linejoin=\"round\">{}</g></svg>\n",
                       d.label, d.body);
}

} // namespace rehab::detail
