#include <rehab/heel_rise.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace rehab {

namespace {

error invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

} // namespace

error_list validate(const heel_rise_spec& spec) {
    error_list errors;
    const heel_rise_side& inv = spec.involved;
    const heel_rise_side& ref = spec.uninvolved;

    if (inv.reps < reps{0}) {
        errors.push_back(invalid("/involved/reps", fmt::format("must be >= 0, got {}", inv.reps)));
    }
    if (inv.height && (!std::isfinite(inv.height->value()) || inv.height->value() < 0.0)) {
        errors.push_back(
            invalid("/involved/height_cm", fmt::format("must be >= 0 cm, got {}", *inv.height)));
    }
    // The uninvolved side is what the LSI divides by: it must be above zero.
    if (ref.reps < reps{1}) {
        errors.push_back(invalid("/uninvolved/reps",
                                 fmt::format("must be >= 1 to compare against, got {}", ref.reps)));
    }
    if (ref.height && (!std::isfinite(ref.height->value()) || ref.height->value() <= 0.0)) {
        errors.push_back(
            invalid("/uninvolved/height_cm",
                    fmt::format("must be > 0 cm to compare against, got {}", *ref.height)));
    }
    if (inv.height && !ref.height) {
        errors.push_back(
            invalid("/uninvolved/height_cm", "must be given when the involved side's height is"));
    }
    if (ref.height && !inv.height) {
        errors.push_back(
            invalid("/involved/height_cm", "must be given when the uninvolved side's height is"));
    }
    return errors;
}

expected<heel_rise> heel_rise::make(const heel_rise_spec& spec) {
    if (auto errors = validate(spec); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    return heel_rise(spec);
}

} // namespace rehab

namespace {

std::string side_text(const rehab::heel_rise_side& s) {
    return s.height ? fmt::format("{} reps at {}", s.reps, *s.height)
                    : fmt::format("{} reps", s.reps);
}

/// "84 %": an LSI in whole percent.
std::string percent_text(double percent) { return fmt::format("{:.0f} %", percent); }

} // namespace

auto fmt::formatter<rehab::heel_rise_side>::format(const rehab::heel_rise_side& s,
                                                   fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(side_text(s), ctx);
}

auto fmt::formatter<rehab::heel_rise_spec>::format(const rehab::heel_rise_spec& s,
                                                   fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("involved {}, uninvolved {}", side_text(s.involved), side_text(s.uninvolved)),
        ctx);
}

auto fmt::formatter<rehab::heel_rise>::format(const rehab::heel_rise& t,
                                              fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    const auto& inv = t.involved();
    const auto& ref = t.uninvolved();
    std::string text = fmt::format("heel-rise LSI {} (reps {} vs {})", percent_text(t.reps_lsi()),
                                   inv.reps, ref.reps);
    if (const auto height = t.height_lsi()) {
        text += fmt::format(", height {} ({} vs {} cm), work {} ({} vs {} cm)",
                            percent_text(*height), inv.height->value(), ref.height->value(),
                            percent_text(*t.work_lsi()), inv.work()->value(), ref.work()->value());
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}

auto fmt::formatter<rehab::heel_rise_lsi_reference>::format(const rehab::heel_rise_lsi_reference& r,
                                                            fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(
        fmt::format("{} months after injury: LSI {} for reps, {} for work", r.after_injury.count(),
                    percent_text(r.reps_percent), percent_text(r.work_percent)),
        ctx);
}

auto fmt::formatter<rehab::heel_rise_setup>::format(const rehab::heel_rise_setup& s,
                                                    fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    std::string text =
        fmt::format("{}-degree incline, metronome {} bpm (a rise every {}), {}", s.incline_degrees,
                    s.metronome_bpm, rehab::to_string(s.per_rise), s.support);
    if (s.to_fatigue) {
        text += ", to fatigue";
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
}
