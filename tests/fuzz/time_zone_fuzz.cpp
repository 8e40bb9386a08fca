// libFuzzer target for the TZif reader (`time_zone::from_tzif`) and the
// look-ups a schedule makes in a zone. Built in every build as a library:
// with REHAB_FUZZ (clang, the `fuzz` preset) it is linked into a libFuzzer
// executable; otherwise replay_main.cpp runs the system's zone files and the
// hand-made seeds through it as a regression test.
#include <rehab/time_zone.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

/// `next_offset_change` from `t`, and the chain of changes after it, must
/// agree with `offset_at` on both sides of every change.
void check_changes_from(const rehab::time_zone& zone, sys_seconds t) {
    std::chrono::seconds in_force = zone.offset_at(t);
    for (int step = 0; step < 8; ++step) {
        const auto change = zone.next_offset_change(t);
        if (!change) {
            return;
        }
        require(change->at > t);
        require(change->before == in_force);
        require(change->before != change->after);
        require(zone.offset_at(change->at - seconds{1}) == change->before);
        require(zone.offset_at(change->at) == change->after);
        t = change->at;
        in_force = change->after;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes as text
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto zone = rehab::time_zone::from_tzif("Fuzz/Zone", bytes);
    if (!zone) {
        require(zone.error().path == "/time_zone" && !zone.error().message.empty());
        return 0;
    }

    // The ends of time, and instants from 1800 to 2200 (where plans and
    // offsets stay far from overflow).
    check_changes_from(*zone, sys_seconds::min());
    check_changes_from(*zone, sys_seconds::max() - seconds{1});
    const sys_seconds from{seconds{-5'364'662'400}}; // 1800-01-01
    const sys_seconds to{seconds{7'258'118'400}};    // 2200-01-01
    std::vector<sys_seconds> probes{from, sys_seconds{}, sys_seconds{seconds{1'800'000'000}}};
    const auto listed = zone->transitions(from, to);
    for (std::size_t i = 0; i < listed.size() && i < 64; ++i) {
        probes.insert(probes.end(), {listed[i].at - seconds{1}, listed[i].at});
    }
    for (std::size_t i = 1; i < listed.size(); ++i) {
        require(listed[i - 1].at < listed[i].at);
    }
    // The chain of next changes from just before 1800 is the list's changes
    // of offset (which may start at 1800 itself), none missed: a schedule's
    // walk relies on it.
    sys_seconds walked = from - seconds{1};
    std::size_t checked = 0;
    for (const auto& transition : listed) {
        if (transition.offset_before == transition.offset_after) {
            continue; // a change of abbreviation or DST flag alone
        }
        if (++checked > 64) {
            break;
        }
        const auto next = zone->next_offset_change(walked);
        require(next && next->at == transition.at);
        walked = transition.at;
    }
    for (const sys_seconds t : probes) {
        check_changes_from(*zone, t);
        // A local time that is unique maps back to its instant.
        const auto local = zone->to_local(t);
        if (zone->classify(local) == rehab::local_kind::unique) {
            require(zone->to_utc(local) == t);
        }
        (void)zone->abbreviation_at(t);
    }
    return 0;
}
