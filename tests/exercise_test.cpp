#include <rehab/exercise.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

rehab::exercise valid_exercise() {
    return rehab::exercise{
        .id = "wall-push",
        .name = "Wall push",
        .kind = rehab::exercise_kind::isometric,
        .targets = {"gastrocnemius"},
        .equipment = {rehab::equipment::wall},
        .position = rehab::body_position::standing,
        .laterality = rehab::laterality::bilateral,
        .starting_position = "Face a wall with both hands on it.",
        .steps = {"Lean into the wall."},
        .cues = {},
        .safety = {},
        .source = "test",
    };
}

TEST(ExerciseTest, KebabCaseAcceptsLowerCaseWordsJoinedByHyphens) {
    EXPECT_TRUE(rehab::is_kebab_case("heel-raise-bent-knee"));
    EXPECT_TRUE(rehab::is_kebab_case("step2"));
    EXPECT_FALSE(rehab::is_kebab_case(""));
    EXPECT_FALSE(rehab::is_kebab_case("Heel-raise"));
    EXPECT_FALSE(rehab::is_kebab_case("heel_raise"));
    EXPECT_FALSE(rehab::is_kebab_case("heel--raise"));
    EXPECT_FALSE(rehab::is_kebab_case("-heel"));
    EXPECT_FALSE(rehab::is_kebab_case("heel-"));
    EXPECT_FALSE(rehab::is_kebab_case("heel raise"));
}

TEST(ExerciseTest, ValidExerciseHasNoErrors) {
    EXPECT_TRUE(rehab::validate(valid_exercise()).empty());
}

TEST(ExerciseTest, ValidateReportsEveryBrokenField) {
    auto e = valid_exercise();
    e.id = "Wall Push";
    e.name = " ";
    e.steps = {};
    e.cues = {"fine", ""};
    const auto errors = rehab::validate(e);
    ASSERT_EQ(errors.size(), 4U);
    EXPECT_EQ(errors[0].path, "/id");
    EXPECT_NE(errors[0].message.find("\"Wall Push\""), std::string::npos);
    EXPECT_EQ(errors[1].path, "/name");
    EXPECT_EQ(errors[2].path, "/steps");
    EXPECT_EQ(errors[3].path, "/cues/1");
}

TEST(ExerciseTest, ValidateRefusesControlCharactersInEveryTextField) {
    // Finding: a name or instruction with U+0000-U+001F or U+007F reached the
    // calendar raw. Each is refused where it is, never stripped.
    auto e = valid_exercise();
    e.name = std::string("Wall\0push", 9);
    e.starting_position = "Face a wall.\n";
    e.steps = {"Lean in.", "Hold\t30 s."};
    e.cues = {"Heels down\x7f"};
    e.safety = {"Stop if\x1b it hurts."};
    e.targets = {"soleus\r"};
    e.source = "\x01";
    const auto errors = rehab::validate(e);
    std::vector<std::string> paths;
    for (const auto& err : errors) {
        paths.push_back(err.path);
        EXPECT_NE(err.message.find("control character U+"), std::string::npos) << err.message;
    }
    EXPECT_EQ(paths, (std::vector<std::string>{"/name", "/starting_position", "/source", "/steps/1",
                                               "/cues/0", "/safety/0", "/targets/0"}));
    EXPECT_EQ(errors[0].message,
              "contains the control character U+0000 at byte 4; text is printable, on one line");
    EXPECT_EQ(errors[4].message,
              "contains the control character U+007F at byte 10; text is printable, on one line");
    // Printable text, accents and symbols included, is fine.
    e = valid_exercise();
    e.name = "Knæbøjning – 90°";
    EXPECT_TRUE(rehab::validate(e).empty());
}

TEST(ExerciseTest, EnumsPrintInWords) {
    EXPECT_EQ(fmt::format("{}", rehab::exercise_kind::concentric_eccentric),
              "concentric-eccentric");
    EXPECT_EQ(fmt::format("{}", rehab::equipment::towel_or_strap), "towel or strap");
    EXPECT_EQ(fmt::format("{}", rehab::body_position::long_sitting), "long sitting");
    EXPECT_EQ(fmt::format("{}", rehab::laterality::unilateral), "one leg at a time");
}

TEST(ExerciseTest, PrintsNameAndId) {
    EXPECT_EQ(fmt::format("{}", valid_exercise()), "Wall push (wall-push)");
}

} // namespace
