// What the library allocates, counted by replacing the global allocation
// functions (so this file has a test binary of its own): planning a patient,
// writing the sessions and asking what is due allocate nothing, and a plan's
// layout does not grow with the plan's length.
#include <rehab/protocols.hpp>
#include <rehab/schedule.hpp>
#include <rehab/schedule_planner.hpp>
#include <rehab/session_log.hpp>
#include <rehab/time_zone.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <utility>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

namespace {

std::atomic<std::size_t> allocations{0};
std::atomic<std::size_t> allocated_bytes{0};

void* counted_allocation(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    allocated_bytes.fetch_add(n, std::memory_order_relaxed);
    return std::malloc(n == 0 ? 1 : n);
}

} // namespace

// Every non-aligned form is replaced, so each allocation is freed by the
// function that matches it (AddressSanitizer checks that pairing).
void* operator new(std::size_t n) {
    if (void* p = counted_allocation(n)) {
        return p;
    }
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_allocation(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return counted_allocation(n);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

using boost::gregorian::date;

struct allocation_count {
    std::size_t count = allocations.load();
    std::size_t bytes = allocated_bytes.load();
};

/// `alfredson-eccentric` with its phase stretched to `weeks`.
std::shared_ptr<const rehab::protocol> alfredson_for(int weeks) {
    rehab::protocol p = rehab::find_builtin_protocol("alfredson-eccentric").value().get();
    p.phases.at(0).min_duration = std::chrono::days{7 * weeks};
    p.phases.at(0).max_duration = p.phases.at(0).min_duration;
    return std::make_shared<const rehab::protocol>(std::move(p));
}

TEST(MemoryTest, PlanningWritingAndDayQueriesAllocateNothing) {
    const auto zone = rehab::time_zone::locate("Europe/Copenhagen").value();
    const auto planner = rehab::schedule_planner::make(alfredson_for(12), zone).value();
    std::vector<rehab::scheduled_session> sessions(200);
    std::array<rehab::scheduled_session, 4> due{};

    const allocation_count before;
    const auto plan = planner.plan(date(2026, 3, 1)); // crosses the change to summer time
    const std::size_t written = plan ? plan->write(sessions) : 0;
    const std::size_t due_on_a_day = plan ? plan->on(date(2026, 3, 30), due) : 0;
    const std::optional<rehab::schedule> copy = plan ? std::optional(*plan) : std::nullopt;
    const auto last = copy ? copy->find(rehab::session_key{83, 1}) : std::nullopt;
    const allocation_count after;

    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    EXPECT_EQ(written, 168U);
    EXPECT_EQ(due_on_a_day, 2U);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->utc, sessions[167].utc);
    EXPECT_EQ(after.count - before.count, 0U) << after.bytes - before.bytes << " bytes";
}

TEST(MemoryTest, ALongerPlanTakesNoMoreMemory) {
    const auto zone = rehab::time_zone::locate("Europe/Copenhagen").value();
    const auto laid_out_bytes = [&](int weeks) {
        const auto program = alfredson_for(weeks);
        const allocation_count before;
        const auto planner = rehab::schedule_planner::make(program, zone);
        const allocation_count after;
        EXPECT_TRUE(planner.has_value());
        EXPECT_EQ(planner->max_sessions(), static_cast<std::size_t>(2 * 7 * weeks));
        return after.bytes - before.bytes;
    };
    const std::size_t twelve_weeks = laid_out_bytes(12);
    EXPECT_GT(twelve_weeks, 0U);
    EXPECT_EQ(laid_out_bytes(52), twelve_weeks);
    EXPECT_EQ(laid_out_bytes(520), twelve_weeks); // ten years
}

} // namespace
