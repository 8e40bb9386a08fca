#include <rehab/outcome_json.hpp>

#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "json_read.hpp"
#include "json_write.hpp"

namespace rehab {

namespace {

using namespace detail;
using std::chrono::minutes;
using ojson = nlohmann::ordered_json;

inline constexpr std::int64_t max_minutes = 100000;
inline constexpr std::int64_t max_reps = 10000;
inline constexpr double max_cm = 1000.0;

/// Parses, reads with `read`, checks with `validate`, and returns the value or
/// every problem, located in `text`.
template <class T, class Read>
load_result<T> load_checked(std::string_view text, Read read) {
    return load_document<T>(text, [&](json_reader& r, const json& doc) {
        T value = read(r, doc);
        r.merge(validate(value));
        return value;
    });
}

/// `field` as points (or a band) or `field_minutes` as whole minutes, not both.
template <class Points>
void read_either(object_reader& o, std::string_view field, std::optional<Points>& out,
                 const auto& read_points) {
    const std::string minutes_key = fmt::format("{}_minutes", field);
    const json* points = o.field(field);
    const json* in_minutes = o.field(minutes_key);
    if (points != nullptr && in_minutes != nullptr) {
        o.reader().add(o.at(minutes_key),
                       fmt::format("cannot be given with \"{}\": answer it once", field));
    }
    if (points != nullptr) {
        if (auto p = read_points(*points, o.at(field))) {
            out = *p;
        }
    } else if (in_minutes != nullptr) {
        if (const auto m =
                read_int(o.reader(), *in_minutes, o.at(minutes_key), -max_minutes, max_minutes)) {
            out = minutes{*m};
        }
    }
}

visa_a_answers read_visa_a(json_reader& r, const json& v) {
    object_reader o(r, v, "");
    visa_a_answers a;
    // Out-of-range points are kept for validate() to name with the form's range.
    const auto points = [&](const json& j, const std::string& path) {
        return read_int(r, j, path, -max_minutes, max_minutes);
    };
    read_either(o, "q1", a.q1,
                [&](const json& j, const std::string& path) -> std::optional<visa_a_stiffness> {
                    if (const auto p = points(j, path)) {
                        return visa_a_stiffness{*p};
                    }
                    return std::nullopt;
                });
    std::array<std::optional<int>*, 6> rest{&a.q2, &a.q3, &a.q4, &a.q5, &a.q6, &a.q7};
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const std::string key = fmt::format("q{}", i + 2);
        if (const json* j = o.field(key)) {
            *rest[i] = points(*j, o.at(key));
        }
    }
    for (auto [field, slot] :
         std::array<std::pair<std::string_view, std::optional<visa_a_duration>*>, 3>{
             {{"q8a", &a.q8a}, {"q8b", &a.q8b}, {"q8c", &a.q8c}}}) {
        read_either(o, field, *slot,
                    [&](const json& j, const std::string& path) -> std::optional<visa_a_duration> {
                        if (const auto b = read_enum(r, j, path, visa_a_band_names)) {
                            return visa_a_duration{*b};
                        }
                        return std::nullopt;
                    });
    }
    o.finish();
    return a;
}

atrs_answers read_atrs(json_reader& r, const json& v) {
    object_reader o(r, v, "");
    atrs_answers a;
    if (const json* items = o.get_array("items", true)) {
        if (items->size() != atrs::item_count) {
            r.add(o.at("items"), fmt::format("must list {} items (null for unanswered), got {}",
                                             atrs::item_count, items->size()));
        }
        for (std::size_t i = 0; i < items->size() && i < atrs::item_count; ++i) {
            const json& item = (*items)[i];
            if (!item.is_null()) {
                a.items[i] = read_int(r, item, fmt::format("/items/{}", i), -max_reps, max_reps);
            }
        }
    }
    o.finish();
    return a;
}

heel_rise_side read_side(json_reader& r, const json& v, const std::string& path) {
    object_reader o(r, v, path);
    heel_rise_side s;
    s.reps = reps{o.get_int("reps", -max_reps, max_reps, true).value_or(0)};
    if (const json* h = o.field("height_cm")) {
        if (h->is_number()) {
            const double cm = h->get<double>();
            if (cm > max_cm) {
                r.add(o.at("height_cm"), fmt::format("must be <= {}, got {}", max_cm, cm));
            } else {
                s.height = centimeters{cm};
            }
        } else {
            r.add(o.at("height_cm"), fmt::format("must be a number, got {}", describe(*h)));
        }
    }
    o.finish();
    return s;
}

heel_rise_spec read_heel_rise(json_reader& r, const json& v) {
    object_reader o(r, v, "");
    heel_rise_spec spec;
    if (const json* s = o.required("involved")) {
        spec.involved = read_side(r, *s, o.at("involved"));
    }
    if (const json* s = o.required("uninvolved")) {
        spec.uninvolved = read_side(r, *s, o.at("uninvolved"));
    }
    o.finish();
    return spec;
}

ojson side_json(const heel_rise_side& s) {
    ojson j{{"reps", s.reps.value()}};
    if (s.height) {
        j["height_cm"] = s.height->value();
    }
    return j;
}

} // namespace

load_result<visa_a_answers> load_visa_a_answers(std::string_view text) {
    return load_checked<visa_a_answers>(text, read_visa_a);
}

std::string to_json(const visa_a_answers& answers) {
    ojson j = ojson::object();
    const auto either = [&](std::string_view field, const auto& answer) {
        if (!answer) {
            return;
        }
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, minutes>) {
                    j[fmt::format("{}_minutes", field)] = v.count();
                } else if constexpr (std::is_same_v<V, visa_a_band>) {
                    j[std::string(field)] = token_of(v, visa_a_band_names);
                } else {
                    j[std::string(field)] = v;
                }
            },
            *answer);
    };
    either("q1", answers.q1);
    const std::array<const std::optional<int>*, 6> rest{&answers.q2, &answers.q3, &answers.q4,
                                                        &answers.q5, &answers.q6, &answers.q7};
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (*rest[i]) {
            j[fmt::format("q{}", i + 2)] = **rest[i];
        }
    }
    either("q8a", answers.q8a);
    either("q8b", answers.q8b);
    either("q8c", answers.q8c);
    return dump(j);
}

std::string to_json(const visa_a& score) {
    return dump(ojson{{"total", score.total()},
                      {"pain", score.pain()},
                      {"function", score.function()},
                      {"activity", score.activity()},
                      {"items", score.items()},
                      {"q8_branch", token_of(score.q8_branch(), visa_a_branch_names)},
                      {"q8_band", token_of(score.q8_band(), visa_a_band_names)}});
}

load_result<atrs_answers> load_atrs_answers(std::string_view text) {
    return load_checked<atrs_answers>(text, read_atrs);
}

std::string to_json(const atrs_answers& answers) {
    ojson items = ojson::array();
    for (const auto& item : answers.items) {
        items.push_back(item ? ojson(*item) : ojson(nullptr));
    }
    return dump(ojson{{"items", items}});
}

std::string to_json(const atrs& score) {
    return dump(ojson{{"total", score.total()}, {"items", score.items()}});
}

load_result<heel_rise_spec> load_heel_rise(std::string_view text) {
    return load_checked<heel_rise_spec>(text, read_heel_rise);
}

std::string to_json(const heel_rise_spec& spec) {
    return dump(
        ojson{{"involved", side_json(spec.involved)}, {"uninvolved", side_json(spec.uninvolved)}});
}

std::string to_json(const heel_rise& test) {
    ojson j{{"involved", side_json(test.involved())},
            {"uninvolved", side_json(test.uninvolved())},
            {"reps_lsi", test.reps_lsi()}};
    if (const auto h = test.height_lsi()) {
        j["height_lsi"] = *h;
    }
    if (const auto w = test.work_lsi()) {
        j["work_lsi"] = *w;
    }
    return dump(j);
}

} // namespace rehab
