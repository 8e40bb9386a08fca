#include <rehab/schedule.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <utility>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <rehab/schedule_planner.hpp>

#include "engine_doses.hpp"
#include "schedule_layout.hpp"

namespace rehab {

// Checked here once, not in every file that includes schedule.hpp.
static_assert(std::ranges::random_access_range<session_range> && std::ranges::view<session_range>);

schedule::schedule(std::shared_ptr<const detail::schedule_layout> shared,
                   const detail::week_layout& week, boost::gregorian::date start,
                   std::int64_t start_day) noexcept
    : layout_(std::move(shared)), week_(&week), start_(start), start_day_(start_day),
      total_(week.total) {}

schedule::schedule(schedule&& other) noexcept
    : layout_(std::move(other.layout_)), week_(std::exchange(other.week_, nullptr)),
      start_(other.start_), start_day_(other.start_day_), total_(std::exchange(other.total_, 0)) {}

schedule& schedule::operator=(schedule&& other) noexcept {
    if (this != &other) {
        layout_ = std::move(other.layout_);
        week_ = std::exchange(other.week_, nullptr);
        start_ = other.start_;
        start_day_ = other.start_day_;
        total_ = std::exchange(other.total_, 0);
    }
    return *this;
}

expected<schedule> schedule::make(const protocol& p, boost::gregorian::date start,
                                  const schedule_options& options) {
    auto planner = schedule_planner::make(p, options);
    if (!planner) {
        return tl::unexpected(planner.error());
    }
    return planner->plan(start);
}

expected<schedule> schedule::make(std::shared_ptr<const protocol> p, boost::gregorian::date start,
                                  const rehab::time_zone& zone, const schedule_options& options) {
    auto planner = schedule_planner::make(std::move(p), zone, options);
    if (!planner) {
        return tl::unexpected(planner.error());
    }
    return planner->plan(start);
}

std::string_view to_string(session_placement p) noexcept {
    return detail::text_of(p, detail::session_placement_names, "as_requested");
}

const protocol& schedule::program() const noexcept { return *layout_->program; }
const std::shared_ptr<const protocol>& schedule::shared_program() const noexcept {
    return layout_->program;
}
const time_zone& schedule::zone() const noexcept { return layout_->zone; }
const patient& schedule::patient() const noexcept { return layout_->options.patient; }
const schedule_options& schedule::options() const noexcept { return layout_->options; }

namespace {

/// The zone's offsets along increasing local times: what `time_zone::to_utc`
/// gives each of them, without a search per time. Hot loops keep `offset()`
/// and `attention()` in locals and call `pass` only when a local time
/// reaches `attention()`: the start of the next change's gap or overlap.
class offset_walk {
public:
    /// Ready for local times from `first_local` on.
    offset_walk(const time_zone& zone, std::int64_t first_local) noexcept : zone_(zone) {
        // Two days before (read as UTC) precedes any instant `first_local`
        // can be, whatever the offset.
        const std::chrono::sys_seconds from{std::chrono::seconds{first_local} -
                                            std::chrono::days{2}};
        next_ = zone_.next_offset_change(from);
        offset_ = next_ ? next_->before.count() : zone_.offset_at(from).count();
        settle();
    }

    /// The offset of local times below `attention()`: UTC = local - offset.
    [[nodiscard]] std::int64_t offset() const noexcept { return offset_; }
    [[nodiscard]] std::int64_t attention() const noexcept { return attention_; }

    /// Moves past every change that `local` has passed. Then `offset()` is
    /// the one `local` takes, and `local` is in the next change's gap when
    /// `gap_end()` is above it.
    void pass(std::int64_t local) noexcept {
        while (local >= valid_below_) {
            offset_ = next_->after.count();
            next_ = zone_.next_offset_change(next_->at);
            settle();
        }
    }

    /// The first local time past the next change's gap (the change's instant
    /// in its new offset), or the lowest value when the change is no gap.
    [[nodiscard]] std::int64_t gap_end() const noexcept {
        return next_ && next_->after > next_->before
                   ? (next_->at.time_since_epoch() + next_->after).count()
                   : std::numeric_limits<std::int64_t>::min();
    }

private:
    // A local time moves past a change once it lies after it under both
    // offsets: local >= at + max(before, after). Until then (a gap or an
    // overlap) the old offset stays, which moves a gap time forward and picks
    // an overlap's first occurrence, as to_utc does. Both begin at
    // at + before: where attention starts.
    void settle() noexcept {
        if (next_) {
            const auto at = next_->at.time_since_epoch();
            valid_below_ = (at + std::max(next_->before, next_->after)).count();
            attention_ = (at + next_->before).count();
        } else {
            valid_below_ = attention_ = std::numeric_limits<std::int64_t>::max();
        }
    }

    const time_zone& zone_;
    std::optional<offset_change> next_;
    std::int64_t offset_ = 0;
    std::int64_t valid_below_ = 0;
    std::int64_t attention_ = 0;
};

// A `scheduled_session` seen as three 64-bit words: the instant, the
// (index, day) pair, and the rest (clock minutes, slot, phase, padding).
static_assert(sizeof(scheduled_session) == 24 && offsetof(scheduled_session, index) == 8 &&
              offsetof(scheduled_session, day) == 12 &&
              offsetof(scheduled_session, clock_minutes) == 16);

/// The bytes of `s` from word `word` on.
std::span<const std::byte> bytes_from(const scheduled_session& s, std::size_t word) noexcept {
    return std::as_bytes(std::span{&s, 1}).subspan(8 * word);
}
std::span<std::byte> bytes_from(scheduled_session& s, std::size_t word) noexcept {
    return std::as_writable_bytes(std::span{&s, 1}).subspan(8 * word);
}

std::uint64_t load_word(const scheduled_session& s, std::size_t word) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, bytes_from(s, word).data(), sizeof w);
    return w;
}

void store_word(scheduled_session& s, std::size_t word, std::uint64_t w) noexcept {
    std::memcpy(bytes_from(s, word).data(), &w, sizeof w);
}

/// Copies the last word (clock minutes, slot, phase and the padding) as bytes.
void copy_rest(scheduled_session& to, const scheduled_session& from) noexcept {
    std::memcpy(bytes_from(to, 2).data(), bytes_from(from, 2).data(), 8);
}

/// The word that holds `index` and `day` in a `scheduled_session`.
std::uint64_t session_words(std::int32_t index, std::int32_t day) noexcept {
    const std::array<std::int32_t, 2> fields{index, day};
    std::uint64_t word = 0;
    std::memcpy(&word, fields.data(), sizeof word);
    return word;
}

} // namespace

schedule::cursor schedule::cursor_at(std::size_t i) const noexcept {
    const std::vector<detail::phase_layout>& phases = week_->phases;
    std::size_t p = 0;
    while (p + 1 < phases.size() && i >= phases[p + 1].first_index) {
        ++p;
    }
    const std::size_t in_phase = i - phases[p].first_index;
    return {i, p, in_phase % phases[p].block_size,
            phases[p].first_day + static_cast<std::int64_t>(in_phase / phases[p].block_size) * 7};
}

std::size_t schedule::write(std::span<scheduled_session> out, std::size_t first) const noexcept {
    if (first >= total_ || out.empty()) {
        return 0;
    }
    return write_at(cursor_at(first), out);
}

std::size_t schedule::write_at(cursor at, std::span<scheduled_session> out) const noexcept {
    if (out.empty()) {
        return 0;
    }
    const std::size_t first = at.index;
    const std::size_t count = std::min(out.size(), total_ - first);
    const std::vector<detail::phase_layout>& phases = week_->phases;
    std::size_t p = at.phase;
    std::size_t entry = at.entry;
    std::int64_t block_day = at.block_day;
    const std::int64_t epoch_seconds = start_day_ * 86'400;
    offset_walk walk(
        layout_->zone,
        epoch_seconds + block_day * 86'400 +
            week_->block[phases[p].block_begin + entry].utc.time_since_epoch().count());
    std::int64_t offset = walk.offset();
    std::int64_t attention = walk.attention();

    scheduled_session* dst = out.data();
    scheduled_session* const end = dst + count;
    auto index = static_cast<std::int32_t>(first);
    while (dst != end) {
        const detail::phase_layout& ph = phases[p];
        const detail::block_session* const block = week_->block.data() + ph.block_begin;
        const detail::block_session* const block_end = block + ph.block_size;
        const detail::block_session* s = block + entry;
        const auto n = std::min(ph.first_index + ph.count - static_cast<std::size_t>(index),
                                static_cast<std::size_t>(end - dst));
        scheduled_session* const stop = dst + n;
        // Each record is its block template moved to its block and numbered:
        // the instant, and the (index, day) pair as one 64-bit word (both
        // fields are non-negative, so adding the words adds the fields).
        std::int64_t block_seconds = epoch_seconds + block_day * 86'400;
        std::uint64_t index_day = session_words(index, static_cast<std::int32_t>(block_day));
        const std::uint64_t next_index = session_words(1, 0);
        const std::uint64_t next_block = session_words(0, 7);
        while (dst != stop) {
            const std::int64_t local = block_seconds + static_cast<std::int64_t>(load_word(*s, 0));
            store_word(*dst, 1, load_word(*s, 1) + index_day);
            copy_rest(*dst, *s);
            if (local >= attention) [[unlikely]] {
                walk.pass(local);
                offset = walk.offset();
                attention = walk.attention();
                if (const std::int64_t gap_end = walk.gap_end();
                    local >= attention && local < gap_end) {
                    dst->placement = gap_placement(static_cast<std::size_t>(dst->index), gap_end,
                                                   local - offset);
                }
            }
            store_word(*dst, 0, static_cast<std::uint64_t>(local - offset));
            ++dst;
            index_day += next_index;
            if (++s == block_end) {
                s = block;
                block_seconds += std::int64_t{7} * 86'400;
                index_day += next_block;
            }
        }
        index += static_cast<std::int32_t>(n);
        ++p; // the next phase starts at its first session
        entry = 0;
        block_day = p < phases.size() ? phases[p].first_day : block_day;
    }
    return count;
}

std::int64_t schedule::requested_local(std::size_t i) const noexcept {
    const cursor at = cursor_at(i);
    const detail::phase_layout& ph = week_->phases[at.phase];
    return (start_day_ + at.block_day) * 86'400 +
           week_->block[ph.block_begin + at.entry].utc.time_since_epoch().count();
}

session_placement schedule::gap_placement(std::size_t i, std::int64_t gap_end,
                                          std::int64_t moved) const noexcept {
    // The first session after the skipped times: requested local times rise
    // with the index, so bisect for the first one at or past the gap's end.
    std::size_t lo = i + 1;
    std::size_t hi = total_;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (requested_local(mid) < gap_end) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == total_) {
        return session_placement::moved_by_gap;
    }
    const std::int64_t next =
        layout_->zone.to_utc(std::chrono::local_seconds{std::chrono::seconds{requested_local(lo)}})
            .time_since_epoch()
            .count();
    const std::int64_t gap =
        std::chrono::duration_cast<std::chrono::seconds>(program().min_session_gap).count();
    return next - moved >= std::max<std::int64_t>(gap, 1) ? session_placement::moved_by_gap
                                                          : session_placement::not_held;
}

scheduled_session schedule::operator[](std::size_t i) const noexcept {
    scheduled_session s;
    static_cast<void>(write({&s, 1}, i)); // writes one: i < size() is the precondition
    return s;
}

expected<scheduled_session> schedule::at(std::size_t i) const {
    if (i >= total_) {
        return fail(errc::invalid_value, "/index",
                    fmt::format("must be below the number of sessions ({}), got {}", total_, i));
    }
    return (*this)[i];
}

schedule::day_sessions schedule::sessions_on(std::int64_t day) const noexcept {
    if (week_ == nullptr) {
        return {};
    }
    for (const detail::phase_layout& ph : week_->phases) {
        if (day >= ph.first_day && day < ph.end_day) {
            const std::int64_t from_start = day - ph.first_day;
            const auto offset = static_cast<std::size_t>(from_start % 7);
            const std::size_t days_before =
                static_cast<std::size_t>(from_start / 7) * ph.days_before[7] +
                ph.days_before[offset];
            const auto per_day = static_cast<std::size_t>(ph.per_day);
            const bool session_day = ph.days_before[offset + 1] > ph.days_before[offset];
            const std::size_t first = ph.first_index + days_before * per_day;
            // On a session day its first session's place in the block is
            // known: no division by the block's size as from an index.
            return {first, session_day ? per_day : 0,
                    cursor{first, static_cast<std::size_t>(&ph - week_->phases.data()),
                           ph.days_before[offset] * per_day,
                           day - static_cast<std::int64_t>(offset)}};
        }
    }
    return {total_, 0, {}};
}

std::optional<scheduled_session> schedule::find(session_key key) const noexcept {
    const day_sessions due = sessions_on(key.day);
    if (key.slot < 0 || static_cast<std::size_t>(key.slot) >= due.count) {
        return std::nullopt;
    }
    cursor at = due.at;
    at.index += static_cast<std::size_t>(key.slot);
    at.entry += static_cast<std::size_t>(key.slot);
    scheduled_session s;
    static_cast<void>(write_at(at, {&s, 1})); // writes one: the key was found
    return s;
}

std::size_t schedule::on(boost::gregorian::date d,
                         std::span<scheduled_session> out) const noexcept {
    if (d.is_special()) {
        return 0;
    }
    const day_sessions due = sessions_on((d - start_).days());
    if (due.count != 0) {
        static_cast<void>(write_at(due.at, out.first(std::min(out.size(), due.count))));
    }
    return due.count;
}

std::vector<scheduled_session> schedule::on(boost::gregorian::date d) const {
    std::array<scheduled_session, 8> buffer{};
    const std::size_t due = on(d, buffer);
    std::vector<scheduled_session> out(due);
    if (due <= buffer.size()) {
        std::copy_n(buffer.begin(), due, out.begin());
    } else {
        static_cast<void>(on(d, out)); // fills `out`: `due` is its size
    }
    return out;
}

std::vector<scheduled_session> schedule::between(boost::gregorian::date first,
                                                 boost::gregorian::date last) const {
    std::vector<scheduled_session> out;
    if (first.is_special() || last.is_special() || last < first) {
        return out;
    }
    // The first index on or after each end: days outside the plan give 0 or
    // the total.
    const auto index_at = [&](long day) -> std::size_t {
        return day < 0 ? 0 : sessions_on(day).first;
    };
    const std::size_t lo = index_at((first - start_).days());
    const std::size_t hi = index_at((last - start_).days() + 1);
    out.resize(hi - lo);
    static_cast<void>(write(out, lo)); // fills `out`: the range is inside the schedule
    return out;
}

boost::gregorian::date schedule::date(const scheduled_session& s) const {
    const auto local = zone().to_local(s.utc).time_since_epoch();
    const auto day = std::chrono::floor<std::chrono::days>(local).count();
    return boost::gregorian::date(1970, 1, 1) + boost::gregorian::days(day);
}

clock_time schedule::local_time(const scheduled_session& s) const noexcept {
    const auto local = zone().to_local(s.utc).time_since_epoch();
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
        local - std::chrono::floor<std::chrono::days>(local));
    return clock_time{minutes};
}

std::string schedule::id(const scheduled_session& s) const {
    const protocol& p = program();
    return fmt::format("{}.v{}.{}.d{}.s{}", p.id, p.version, p.phases[s.phase].id, s.day, s.slot);
}

session_prescription schedule::prescription(const scheduled_session& s) const {
    const phase& ph = program().phases[s.phase];
    const detail::phase_layout& placed = week_->phases[s.phase];
    session_prescription out;
    out.session = s.key();
    out.phase_index = s.phase;
    out.phase_id = ph.id;
    out.program_week = week(s);
    out.phase_week = (s.day - placed.first_day) / 7 + 1;
    const auto levels = detail::nominal_levels(ph, out.phase_week);
    out.items.reserve(ph.prescriptions.size());
    for (std::size_t i = 0; i < ph.prescriptions.size(); ++i) {
        out.items.push_back(
            detail::prescribe_item(ph, i, detail::dose_at(ph, i, levels, false), patient()));
    }
    out.rule_levels = levels;
    return out;
}

} // namespace rehab
