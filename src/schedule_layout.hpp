#pragma once
// The shared, immutable part of a schedule: a protocol laid out in a time
// zone with fixed options, for each weekday a plan can start on. Built by
// schedule_planner::make, read by schedule. Private to the library.

#include <rehab/schedule.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <rehab/error.hpp>
#include <rehab/protocol.hpp>
#include <rehab/time_zone.hpp>

namespace rehab::detail {

/// One session of a phase's repeating 7-day block, as the record a schedule
/// writes for it in the block that starts on program day 0 at local midnight
/// of 1970-01-01 read as UTC: `utc` holds the local seconds after the block's
/// first midnight, `index` 0 and `day` the day of the block (0-6).
using block_session = scheduled_session;

/// Where a phase lies in a schedule and how its days repeat.
struct phase_layout {
    int first_day = 0;           ///< program day the phase starts
    int end_day = 0;             ///< one past its last day
    int per_day = 1;             ///< sessions on each session day
    std::size_t first_index = 0; ///< index of its first session
    std::size_t count = 0;       ///< sessions in the phase
    std::size_t block_begin = 0; ///< its sessions in `week_layout::block`
    std::size_t block_size = 0;  ///< sessions per 7-day block
    /// Session days in a block before day `o` (o = 0-7): day `o` is a session
    /// day when `days_before[o + 1] > days_before[o]`.
    std::array<std::uint8_t, 8> days_before{};
};

struct week_layout {
    std::vector<phase_layout> phases;
    std::vector<block_session> block; ///< every phase's 7-day block, one after another
    std::size_t total = 0;
    std::optional<error> problem; ///< why no schedule can start on this weekday
};

struct schedule_layout {
    std::shared_ptr<const protocol> program;
    rehab::time_zone zone;
    schedule_options options;
    /// By the start date's weekday (`std::chrono::weekday::c_encoding()`).
    std::array<week_layout, 7> by_weekday;
};

} // namespace rehab::detail
