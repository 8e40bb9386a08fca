#include <rehab/dosage.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace rehab {

namespace {

using std::chrono::seconds;

error invalid(std::string path, std::string message) {
    return error{errc::invalid_value, std::move(path), std::move(message), {}, {}};
}

void check_work(const repetitions& r, error_list& errors) {
    if (r.reps < reps{1}) {
        errors.push_back(invalid("/reps", fmt::format("must be >= 1, got {}", r.reps)));
    }
    if (r.reps_max && *r.reps_max < r.reps) {
        errors.push_back(
            invalid("/reps_max", fmt::format("must be >= reps ({}), got {}", r.reps, *r.reps_max)));
    }
}

void check_work(const hold& h, error_list& errors) {
    if (h.duration <= seconds{0}) {
        errors.push_back(
            invalid("/hold_seconds", fmt::format("must be > 0 s, got {}", to_string(h.duration))));
    }
}

void check_work(const timed& t, error_list& errors) {
    if (t.duration <= seconds{0}) {
        errors.push_back(
            invalid("/seconds", fmt::format("must be > 0 s, got {}", to_string(t.duration))));
    }
    if (t.duration_max && *t.duration_max < t.duration) {
        errors.push_back(invalid("/seconds_max",
                                 fmt::format("must be >= seconds ({}), got {}",
                                             to_string(t.duration), to_string(*t.duration_max))));
    }
    if (t.duration_max && t.as_long_as_possible) {
        errors.push_back(invalid("/seconds_max", "a time range cannot also be \"as long as "
                                                 "possible\": give one or the other"));
    }
}

void check_phase(const std::optional<seconds>& phase, std::string_view name, error_list& errors) {
    if (phase && *phase < seconds{0}) {
        errors.push_back(invalid(fmt::format("/tempo/{}_seconds", name),
                                 fmt::format("must be >= 0 s, got {}", to_string(*phase))));
    }
}

void check_tempo(const tempo& t, error_list& errors) {
    if (!t.eccentric && !t.concentric) {
        errors.push_back(invalid("/tempo", "must give the eccentric or the concentric phase"));
    }
    check_phase(t.eccentric, "eccentric", errors);
    check_phase(t.pause, "pause", errors);
    check_phase(t.concentric, "concentric", errors);
}

void check_load(const body_weight& /*unused*/, error_list& /*unused*/) {}

void check_load(const kilograms& k, error_list& errors) {
    if (!std::isfinite(k.value()) || k.value() <= 0.0) {
        errors.push_back(
            invalid("/load_kg",
                    fmt::format("must be > 0 kg (body weight alone is no added load), got {}", k)));
    }
}

void check_load(const percent_body_weight& p, error_list& errors) {
    if (!std::isfinite(p.percent()) || p.percent() <= 0.0) {
        errors.push_back(invalid("/load_percent_body_weight",
                                 fmt::format("must be > 0 %, got {} %", p.percent())));
    }
}

void check_load(const rm_target& r, error_list& errors) {
    if (r.max_reps() < 1) {
        errors.push_back(invalid("/load_rm", fmt::format("must be >= 1, got {}", r.max_reps())));
    }
}

/// Seconds of one repetition under the given tempo.
seconds rep_time(const tempo& t) {
    return t.eccentric.value_or(seconds{0}) + t.pause + t.concentric.value_or(seconds{0});
}

} // namespace

error_list validate(const dose_spec& spec) {
    error_list errors;
    if (spec.sets < sets{1}) {
        errors.push_back(invalid("/sets", fmt::format("must be >= 1, got {}", spec.sets)));
    }
    std::visit([&](const auto& w) { check_work(w, errors); }, spec.work);
    if (spec.tempo) {
        check_tempo(*spec.tempo, errors);
    }
    if (spec.rest && *spec.rest < seconds{0}) {
        errors.push_back(
            invalid("/rest_seconds", fmt::format("must be >= 0 s, got {}", to_string(*spec.rest))));
    }
    std::visit([&](const auto& l) { check_load(l, errors); }, spec.load);
    return errors;
}

expected<dose> dose::make(const dose_spec& spec) {
    if (auto errors = validate(spec); !errors.empty()) {
        return tl::unexpected(std::move(errors.front()));
    }
    return dose(spec);
}

reps dose::reps_per_side() const noexcept {
    if (const auto* r = reps_work()) {
        return spec_.sets * r->reps;
    }
    return reps{0};
}

std::optional<seconds> dose::time_under_tension() const {
    const auto per_side = std::visit(
        [&](const auto& w) -> std::optional<seconds> {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, repetitions>) {
                if (!spec_.tempo) {
                    return std::nullopt;
                }
                return rep_time(*spec_.tempo) * (spec_.sets * w.reps).value();
            } else {
                return w.duration * spec_.sets.value();
            }
        },
        spec_.work);
    if (!per_side) {
        return std::nullopt;
    }
    return *per_side * sides_worked();
}

seconds dose::estimated_duration(const duration_assumptions& assume) const {
    const seconds per_set = std::visit(
        [&](const auto& w) -> seconds {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, repetitions>) {
                const seconds per_rep = spec_.tempo && rep_time(*spec_.tempo) > seconds{0}
                                            ? rep_time(*spec_.tempo)
                                            : assume.rep_duration;
                return per_rep * w.reps.value();
            } else {
                return w.duration;
            }
        },
        spec_.work);
    const seconds rest = spec_.rest.value_or(assume.rest_between_sets);
    const int n = spec_.sets.value();
    const seconds per_side = per_set * n + rest * (n - 1);
    const int sides = sides_worked();
    return per_side * sides + assume.side_change * (sides - 1);
}

std::string_view to_string(sides s) noexcept {
    switch (s) {
    case sides::each:
        return "each side";
    case sides::affected_only:
        return "affected side only";
    case sides::together:
        return "both sides together";
    }
    return "unknown";
}

std::string_view to_string(movement_constraint c) noexcept {
    switch (c) {
    case movement_constraint::no_dorsiflexion_below_neutral:
        return "heel not below neutral (floor level, no step edge)";
    }
    return "unknown";
}

} // namespace rehab

namespace {

std::string tempo_text(const rehab::tempo& t) {
    using rehab::to_string;
    if (t.eccentric && t.concentric) {
        return fmt::format("tempo {}-{}-{}", t.eccentric->count(), t.pause.count(),
                           t.concentric->count());
    }
    std::string text;
    if (t.eccentric) {
        text = fmt::format("eccentric {}", to_string(*t.eccentric));
    }
    if (t.concentric) {
        text = fmt::format("concentric {}", to_string(*t.concentric));
    }
    if (t.pause > std::chrono::seconds{0}) {
        text += fmt::format(", pause {}", to_string(t.pause));
    }
    return text;
}

std::string load_text(const rehab::load& l) {
    return std::visit(
        [](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, rehab::body_weight>) {
                return "body weight";
            } else if constexpr (std::is_same_v<V, rehab::rm_target>) {
                return fmt::format("{}", v);
            } else {
                return fmt::format("+{}", v);
            }
        },
        l);
}

/// "3 x 15 reps", "3 x 15RM", "hold 30 s x 3", "3 x as long as possible, up to 60 s".
std::string work_text(const rehab::dose_spec& d) {
    const int n = d.sets.value();
    const std::string sets_prefix = n == 1 ? std::string() : fmt::format("{} x ", n);
    return std::visit(
        [&](const auto& w) -> std::string {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, rehab::repetitions>) {
                const std::string count = w.reps_max ? fmt::format("{}-{}", w.reps, *w.reps_max)
                                                     : fmt::format("{}", w.reps);
                if (const auto* rm = std::get_if<rehab::rm_target>(&d.load)) {
                    if (!w.reps_max && rm->max_reps() == w.reps.value()) {
                        return fmt::format("{}{}", sets_prefix, *rm);
                    }
                    return fmt::format("{}{} reps at {}", sets_prefix, count, *rm);
                }
                return fmt::format("{}{} reps", sets_prefix, count);
            } else if constexpr (std::is_same_v<W, rehab::hold>) {
                return n == 1 ? fmt::format("hold {}", rehab::to_string(w.duration))
                              : fmt::format("hold {} x {}", rehab::to_string(w.duration), n);
            } else {
                if (w.as_long_as_possible) {
                    return fmt::format("{}as long as possible, up to {}", sets_prefix,
                                       rehab::to_string(w.duration));
                }
                if (w.duration_max) {
                    return fmt::format("{}{}-{} s", sets_prefix, w.duration.count(),
                                       w.duration_max->count());
                }
                return fmt::format("{}{}", sets_prefix, rehab::to_string(w.duration));
            }
        },
        d.work);
}

/// The whole dose in words; every field that is set appears.
std::string dose_text(const rehab::dose_spec& d) {
    std::string text = work_text(d);
    if (std::holds_alternative<rehab::kilograms>(d.load) ||
        std::holds_alternative<rehab::percent_body_weight>(d.load)) {
        text += ", " + load_text(d.load);
    }
    text += fmt::format(", {}", d.side);
    if (d.tempo) {
        text += ", " + tempo_text(*d.tempo);
    }
    if (d.rest) {
        text += fmt::format(", rest {}", rehab::to_string(*d.rest));
    }
    if (d.support) {
        text += fmt::format(", {}", *d.support);
    }
    if (d.constraint) {
        text += fmt::format(", {}", *d.constraint);
    }
    return text;
}

} // namespace

auto fmt::formatter<rehab::tempo>::format(const rehab::tempo& t, fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(tempo_text(t), ctx);
}

auto fmt::formatter<rehab::load>::format(const rehab::load& l, fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(load_text(l), ctx);
}

auto fmt::formatter<rehab::dose_spec>::format(const rehab::dose_spec& d,
                                              fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(dose_text(d), ctx);
}

auto fmt::formatter<rehab::dose>::format(const rehab::dose& d, fmt::format_context& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view>::format(dose_text(d.spec()), ctx);
}
