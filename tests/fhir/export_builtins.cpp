// Writes the FHIR Bundle of every built-in protocol (rehab::to_fhir) to
// DIRECTORY/<protocol id>.json, emptying DIRECTORY first, for fhir.schema.
// Given COURSE_FILE (the shipped example course), it also writes the course
// Bundles (rehab::to_fhir of a course) of that course and of three made
// here: three weeks of Alfredson logged with pain and outcome scores, a
// paused course, and a rupture course with its restrictions; each as
// DIRECTORY/course-<name>.json and each of its entries alone as
// DIRECTORY/course-<name>.entry-<n>.json, so that the schema checks every
// resource on its own as well as inside the Bundle.
// Usage: rehab_fhir_export DIRECTORY [COURSE_FILE]
#include <rehab/course_file.hpp>
#include <rehab/fhir.hpp>
#include <rehab/protocols.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

bool write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out.flush()) {
        fmt::print(stderr, "{}: cannot write\n", file.string());
        return false;
    }
    fmt::print("{}: {} bytes\n", file.filename().string(), text.size());
    return true;
}

rehab::expected<rehab::course> three_weeks() {
    using boost::gregorian::date;
    auto c = rehab::course::start({.id = "patient-0007", .affected_side = rehab::body_side::left},
                                  rehab::protocols::alfredson_eccentric().value(), date(2027, 3, 1),
                                  {.time_zone = "Europe/Copenhagen"});
    for (int day = 0; c && day < 21; ++day) {
        for (int slot = 0; slot < 2; ++slot) {
            rehab::session_log e{.session = {day, slot},
                                 .pain_during = rehab::pain_score::make(day % 4).value(),
                                 .pain_after = rehab::pain_score::make(day % 3).value()};
            if (slot == 0 && day % 7 == 0) {
                e.measurements.push_back({rehab::measure::visa_a, 50.0 + day});
            }
            if (auto ok = c->record(e); !ok) {
                return tl::unexpected(ok.error());
            }
        }
    }
    return c;
}

rehab::expected<rehab::course> paused() {
    using boost::gregorian::date;
    auto c = rehab::course::start({.id = "patient-0008"}, rehab::protocols::hsr_achilles().value(),
                                  date(2027, 1, 4), {.time_zone = "Australia/Sydney"});
    if (c) {
        if (auto ok = c->record({.session = {0, 0}, .pain_next_morning = rehab::pain_score{2}});
            !ok) {
            return tl::unexpected(ok.error());
        }
        if (auto ok = c->pause(date(2027, 1, 10)); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    return c;
}

rehab::expected<rehab::course> rupture() {
    using boost::gregorian::date;
    auto p = rehab::protocols::achilles_rupture_functional(
        {.treatment = rehab::protocols::rupture_treatment::non_operative});
    if (!p) {
        return tl::unexpected(p.error());
    }
    return rehab::course::start({.id = "patient-0009", .injury_date = date(2027, 2, 1)}, *p,
                                date(2027, 2, 1), {.time_zone = "Europe/Oslo"});
}

/// Writes the course's Bundle and each of its entries alone.
bool write_course(const std::filesystem::path& dir, const std::string& name,
                  const rehab::expected<rehab::course>& c) {
    if (!c) {
        fmt::print(stderr, "course {}: {}\n", name, c.error());
        return false;
    }
    const rehab::expected<std::string> bundle = rehab::to_fhir(*c);
    if (!bundle) {
        fmt::print(stderr, "course {}: {}\n", name, bundle.error());
        return false;
    }
    bool ok = write(dir / ("course-" + name + ".json"), *bundle);
    const auto parsed = nlohmann::ordered_json::parse(*bundle);
    std::size_t n = 0;
    for (const auto& entry : parsed.at("entry")) {
        ok = write(dir / fmt::format("course-{}.entry-{:03}.json", name, ++n),
                   entry.at("resource").dump(2) + "\n") &&
             ok;
    }
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        fmt::print(stderr, "usage: rehab_fhir_export DIRECTORY [COURSE_FILE]\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    int failed = 0;
    for (const rehab::protocol& p : rehab::builtin_protocols()) {
        const rehab::expected<std::string> bundle = rehab::to_fhir(p);
        if (!bundle) {
            fmt::print(stderr, "{}: {}\n", p.id, bundle.error());
            ++failed;
            continue;
        }
        if (!write(dir / (p.id + ".json"), *bundle)) {
            ++failed;
        }
    }
    if (argc == 3) {
        rehab::load_result<rehab::course> example = rehab::load_course_file(argv[2]);
        if (!example) {
            fmt::print(stderr, "{}: {}\n", argv[2], example.error().front());
            ++failed;
        } else if (!write_course(dir, "example", std::move(*example))) {
            ++failed;
        }
        failed += write_course(dir, "three-weeks", three_weeks()) ? 0 : 1;
        failed += write_course(dir, "paused", paused()) ? 0 : 1;
        failed += write_course(dir, "rupture", rupture()) ? 0 : 1;
    }
    return failed == 0 ? 0 : 1;
}
