#include <rehab/schedule.hpp>

#include <algorithm>
#include <limits>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

namespace rehab {

namespace {

std::chrono::sys_days to_sys_days(boost::gregorian::date d) {
    return std::chrono::sys_days{
        std::chrono::days{(d - boost::gregorian::date(1970, 1, 1)).days()}};
}

} // namespace

schedule::schedule(std::shared_ptr<const protocol> p, boost::gregorian::date start,
                   rehab::time_zone zone, schedule_options options)
    : protocol_(std::move(p)), start_(start), start_days_(to_sys_days(start)),
      zone_(std::move(zone)), patient_(options.patient), options_(std::move(options)) {}

expected<schedule> schedule::make(const protocol& p, boost::gregorian::date start,
                                  const schedule_options& options) {
    auto zone = time_zone::locate(options.time_zone);
    if (!zone) {
        return tl::unexpected(zone.error());
    }
    return make(std::make_shared<const protocol>(p), start, *zone, options);
}

expected<schedule> schedule::make(std::shared_ptr<const protocol> shared,
                                  boost::gregorian::date start, const rehab::time_zone& zone,
                                  const schedule_options& options) {
    if (!shared) {
        return fail(errc::invalid_value, "", "no protocol given");
    }
    const protocol& p = *shared;
    if (start.is_special()) {
        return fail(errc::invalid_value, "/start", "must be a calendar date");
    }
    if (start.year() < 1900 || start.year() > 9000) {
        return fail(errc::invalid_value, "/start",
                    fmt::format("must be a date between 1900 and 9000, got {}",
                                boost::gregorian::to_iso_extended_string(start)));
    }
    if (p.phases.empty()) {
        return fail(errc::invalid_value, "/phases", "the protocol has no phases");
    }
    if (p.phases.size() > 255) {
        return fail(errc::invalid_value, "/phases",
                    fmt::format("at most 255 phases, got {}", p.phases.size()));
    }
    for (std::size_t i = 0; i < options.times.size(); ++i) {
        if (!options.times[i].ok() || (i > 0 && options.times[i] <= options.times[i - 1])) {
            return fail(errc::invalid_value, fmt::format("/times/{}", i),
                        "times must be between 00:00 and 23:59, each later than the one before");
        }
    }
    for (std::size_t i = 0; i < options.extra_session_days.size(); ++i) {
        if (options.extra_session_days[i] < 0 || options.extra_session_days[i] > 3660) {
            return fail(
                errc::invalid_value, fmt::format("/extra_session_days/{}", i),
                fmt::format("must be between 0 and 3660, got {}", options.extra_session_days[i]));
        }
    }
    schedule out(std::move(shared), start, zone, options);
    out.options_.time_zone = zone.name();
    const std::chrono::weekday start_weekday{to_sys_days(start)};
    int day = 0;
    std::size_t index = 0;
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const phase& ph = p.phases[i];
        phase_layout layout;
        layout.first_day = day;
        layout.end_day = day + static_cast<int>(ph.min_duration.count());
        layout.per_day = ph.frequency.per_day.value();
        layout.times = options.times.empty() ? ph.frequency.times : options.times;
        if (layout.per_day < 1 || layout.per_day > 255 || layout.end_day < layout.first_day) {
            return fail(errc::invalid_value, fmt::format("/phases/{}", i),
                        "needs 1 to 255 sessions a day and a minimum duration of 0 days or more");
        }
        if (static_cast<int>(layout.times.size()) != layout.per_day) {
            return fail(errc::invalid_value, "/times",
                        fmt::format("must give one time per session of phase \"{}\" ({}), got {}",
                                    ph.id, layout.per_day, layout.times.size()));
        }
        for (int offset = 0; offset < 7; ++offset) {
            const int d = day + offset;
            const std::chrono::weekday weekday = start_weekday + std::chrono::days{d};
            const bool rest = std::find(options.rest_days.begin(), options.rest_days.end(),
                                        weekday) != options.rest_days.end();
            if (!rest && is_session_day(ph.frequency.days, d, start_weekday)) {
                layout.offsets[static_cast<std::size_t>(layout.days_per_block++)] =
                    static_cast<std::uint8_t>(offset);
            }
        }
        // Extra session days (a phase extended for missed sessions) follow the
        // phase's own pattern: whole 7-day blocks, then the offsets needed.
        const int extra = i < options.extra_session_days.size() ? options.extra_session_days[i] : 0;
        if (extra > 0 && layout.days_per_block == 0) {
            return fail(errc::invalid_value, fmt::format("/extra_session_days/{}", i),
                        fmt::format("phase \"{}\" has no session days to extend", ph.id));
        }
        for (int added = 0; added < extra;) {
            const int offset = (layout.end_day - layout.first_day) % 7;
            const std::uint8_t* begin = layout.offsets.data();
            const std::uint8_t* last = begin + layout.days_per_block;
            added += std::find(begin, last, static_cast<std::uint8_t>(offset)) != last ? 1 : 0;
            ++layout.end_day;
        }
        layout.first_index = index;
        layout.count = out.session_days_before(layout, layout.end_day) *
                       static_cast<std::size_t>(layout.per_day);
        index += layout.count;
        day = layout.end_day;
        out.phases_.push_back(std::move(layout));
    }
    out.total_ = index;
    return out;
}

std::size_t schedule::session_days_before(const phase_layout& ph, int day) const noexcept {
    if (day <= ph.first_day || ph.days_per_block == 0) {
        return 0;
    }
    const int span = std::min(day, ph.end_day) - ph.first_day;
    const int blocks = span / 7;
    const int rest = span % 7;
    int count = blocks * ph.days_per_block;
    for (int j = 0; j < ph.days_per_block; ++j) {
        count += ph.offsets[static_cast<std::size_t>(j)] < rest ? 1 : 0;
    }
    return static_cast<std::size_t>(count);
}

scheduled_session schedule::make_session(std::size_t phase_index, int day, int slot,
                                         std::size_t index) const noexcept {
    const phase_layout& ph = phases_[phase_index];
    const clock_time time = ph.times[static_cast<std::size_t>(slot)];
    const std::chrono::local_seconds local{
        (start_days_ + std::chrono::days{day}).time_since_epoch() + time.since_midnight};
    return scheduled_session{zone_.to_utc(local),
                             static_cast<std::int32_t>(index),
                             day,
                             static_cast<std::int16_t>(time.since_midnight.count()),
                             static_cast<std::uint8_t>(slot),
                             static_cast<std::uint8_t>(phase_index)};
}

schedule::position schedule::position_of(std::size_t i) const noexcept {
    std::size_t p = 0;
    while (p + 1 < phases_.size() && i >= phases_[p + 1].first_index) {
        ++p;
    }
    const phase_layout& ph = phases_[p];
    const std::size_t in_phase = i - ph.first_index;
    const auto per_day = static_cast<std::size_t>(ph.per_day);
    const std::size_t session_day = in_phase / per_day;
    const auto k = static_cast<std::size_t>(ph.days_per_block);
    return position{p, in_phase, in_phase % per_day, session_day % k,
                    ph.first_day + static_cast<std::int64_t>(session_day / k) * 7};
}

scheduled_session schedule::operator[](std::size_t i) const noexcept {
    const position at = position_of(i);
    const int day = static_cast<int>(at.block_day) + phases_[at.phase].offsets[at.offset_index];
    return make_session(at.phase, day, static_cast<int>(at.slot), i);
}

std::size_t schedule::write(std::span<scheduled_session> out, std::size_t first) const {
    if (first >= total_ || out.empty()) {
        return 0;
    }
    const std::size_t count = std::min(out.size(), total_ - first);
    // Position of `first`: phase, session day inside it, slot. Later sessions
    // step these counters; no division per session.
    const position at = position_of(first);
    std::size_t p = at.phase;
    std::size_t in_phase = at.in_phase;
    std::size_t slot = at.slot;
    std::size_t offset_index = at.offset_index;
    std::int64_t block_day = at.block_day;
    const std::int64_t epoch_day = start_days_.time_since_epoch().count();
    // The offset two days before the first session's local midnight, then
    // each later change as the local times pass it: local times only move
    // forwards, so one cursor walks the changes.
    const std::chrono::sys_seconds range_start{std::chrono::seconds{
        (epoch_day + block_day + phases_[p].offsets[offset_index] - 2) * 86400}};
    std::chrono::seconds offset = zone_.offset_at(range_start);
    std::optional<offset_change> next_change = zone_.next_offset_change(range_start);
    // A local time moves past a change once it lies after it under both
    // offsets: local >= at + max(before, after). Until then (a gap or an
    // overlap) the old offset stays, which moves a gap time forward and picks
    // an overlap's first occurrence, exactly as to_utc does.
    const auto pass_point = [&]() -> std::int64_t {
        return next_change ? (next_change->at.time_since_epoch() +
                              std::max(next_change->before, next_change->after))
                                 .count()
                           : std::numeric_limits<std::int64_t>::max();
    };
    std::int64_t pass_local = pass_point();

    // Pass 1: every session with its local time in `utc` (as if UTC), in a
    // plain loop over days and slots.
    scheduled_session* dst = out.data();
    scheduled_session* const end = dst + count;
    auto index = static_cast<std::int32_t>(first);
    while (dst != end) {
        const phase_layout& ph = phases_[p];
        const auto per_day = static_cast<std::size_t>(ph.per_day);
        const auto k = static_cast<std::size_t>(ph.days_per_block);
        const auto offsets = ph.offsets;
        const clock_time* const times = ph.times.data();
        const auto phase_number = static_cast<std::uint8_t>(p);
        std::size_t left = std::min(ph.count - in_phase, static_cast<std::size_t>(end - dst));
        while (left != 0) {
            const std::int64_t day = block_day + offsets[offset_index];
            const std::int64_t day_seconds = (epoch_day + day) * 86400;
            const std::size_t todo = std::min(per_day - slot, left);
            left -= todo;
            for (const std::size_t stop = slot + todo; slot < stop; ++slot) {
                const std::int64_t minutes = times[slot].since_midnight.count();
                *dst++ = scheduled_session{
                    std::chrono::sys_seconds{std::chrono::seconds{day_seconds + minutes * 60}},
                    index++,
                    static_cast<std::int32_t>(day),
                    static_cast<std::int16_t>(minutes),
                    static_cast<std::uint8_t>(slot),
                    phase_number};
            }
            if (slot == per_day) {
                slot = 0;
                if (++offset_index == k) {
                    offset_index = 0;
                    block_day += 7;
                }
            }
        }
        ++p; // the next phase starts at its first session day
        in_phase = 0;
        slot = 0;
        offset_index = 0;
        block_day = p < phases_.size() ? phases_[p].first_day : block_day;
    }
    // Pass 2: local time to UTC with the offset in force, walking the
    // zone's changes as the (increasing) local times pass them.
    for (scheduled_session* s = out.data(); s != end; ++s) {
        const std::int64_t local = s->utc.time_since_epoch().count();
        while (local >= pass_local) {
            offset = next_change->after;
            next_change = zone_.next_offset_change(next_change->at);
            pass_local = pass_point();
        }
        s->utc -= offset;
    }
    return count;
}

expected<scheduled_session> schedule::at(std::size_t i) const {
    if (i >= total_) {
        return fail(errc::invalid_value, "/index",
                    fmt::format("must be below the number of sessions ({}), got {}", total_, i));
    }
    return (*this)[i];
}

const schedule::phase_layout* schedule::phase_on(int day, std::size_t& index) const noexcept {
    for (std::size_t p = 0; p < phases_.size(); ++p) {
        if (day >= phases_[p].first_day && day < phases_[p].end_day) {
            index = p;
            return &phases_[p];
        }
    }
    return nullptr;
}

std::optional<scheduled_session> schedule::find(session_key key) const noexcept {
    std::size_t p = 0;
    const phase_layout* ph = phase_on(key.day, p);
    if (ph == nullptr || key.slot < 0 || key.slot >= ph->per_day) {
        return std::nullopt;
    }
    const auto offset = static_cast<std::uint8_t>((key.day - ph->first_day) % 7);
    const auto* last = ph->offsets.begin() + ph->days_per_block;
    if (std::find(ph->offsets.begin(), last, offset) == last) {
        return std::nullopt;
    }
    const std::size_t index =
        ph->first_index +
        session_days_before(*ph, key.day) * static_cast<std::size_t>(ph->per_day) +
        static_cast<std::size_t>(key.slot);
    return make_session(p, key.day, key.slot, index);
}

std::size_t schedule::on(boost::gregorian::date d,
                         std::span<scheduled_session> out) const noexcept {
    if (d.is_special() || phases_.empty()) {
        return 0;
    }
    const long delta = (d - start_).days();
    if (delta < 0 || delta >= phases_.back().end_day) {
        return 0;
    }
    const int day = static_cast<int>(delta);
    std::size_t p = 0;
    const phase_layout* ph = phase_on(day, p);
    if (ph == nullptr) {
        return 0;
    }
    const auto offset = static_cast<std::uint8_t>((day - ph->first_day) % 7);
    const std::uint8_t* begin = ph->offsets.data();
    const std::uint8_t* last = begin + ph->days_per_block;
    if (std::find(begin, last, offset) == last) {
        return 0;
    }
    const std::size_t base =
        ph->first_index + session_days_before(*ph, day) * static_cast<std::size_t>(ph->per_day);
    const auto due = static_cast<std::size_t>(ph->per_day);
    for (std::size_t slot = 0; slot < due && slot < out.size(); ++slot) {
        out[slot] = make_session(p, day, static_cast<int>(slot), base + slot);
    }
    return due;
}

std::vector<scheduled_session> schedule::on(boost::gregorian::date d) const {
    std::array<scheduled_session, 8> buffer{};
    const std::size_t due = on(d, buffer);
    std::vector<scheduled_session> out(due);
    if (due <= buffer.size()) {
        std::copy_n(buffer.begin(), due, out.begin());
    } else {
        on(d, out);
    }
    return out;
}

std::vector<scheduled_session> schedule::between(boost::gregorian::date first,
                                                 boost::gregorian::date last) const {
    std::vector<scheduled_session> out;
    if (first.is_special() || last.is_special() || last < first || phases_.empty()) {
        return out;
    }
    const int end_day = phases_.back().end_day;
    const int from =
        static_cast<int>(std::clamp<long>((first - start_).days(), 0L, static_cast<long>(end_day)));
    const int to = static_cast<int>(
        std::clamp<long>((last - start_).days() + 1, 0L, static_cast<long>(end_day)));
    const auto index_at = [&](int day) -> std::size_t { // first index on or after `day`
        std::size_t p = 0;
        const phase_layout* ph = phase_on(day, p);
        if (ph == nullptr) {
            return total_;
        }
        return ph->first_index +
               session_days_before(*ph, day) * static_cast<std::size_t>(ph->per_day);
    };
    const std::size_t lo = index_at(from);
    const std::size_t hi = index_at(to);
    out.reserve(hi - lo);
    for (std::size_t i = lo; i < hi; ++i) {
        out.push_back((*this)[i]);
    }
    return out;
}

clock_time schedule::local_time(const scheduled_session& s) const noexcept {
    const auto local = zone_.to_local(s.utc).time_since_epoch();
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
        local - std::chrono::floor<std::chrono::days>(local));
    return clock_time{minutes};
}

std::string schedule::id(const scheduled_session& s) const {
    return fmt::format("{}.v{}.{}.d{}.s{}", protocol_->id, protocol_->version,
                       protocol_->phases[s.phase].id, s.day, s.slot);
}

session_prescription schedule::prescription(const scheduled_session& s) const {
    const phase& ph = protocol_->phases[s.phase];
    const phase_layout& layout = phases_[s.phase];
    session_prescription out;
    out.session = s.key();
    out.phase_index = s.phase;
    out.phase_id = ph.id;
    out.program_week = week(s);
    out.phase_week = (s.day - layout.first_day) / 7 + 1;
    const auto levels = nominal_levels(ph, out.phase_week);
    out.items.reserve(ph.prescriptions.size());
    for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
        out.items.push_back(prescribe_item(ph, i, dose_at(ph, i, levels, false), patient_));
    }
    return out;
}

} // namespace rehab
