// Six weeks after an Achilles tendon repair: what applies today, and may the
// patient stretch the calf yet? The accelerated functional protocol
// (Willits 2010, Barfod 2016) counts its weeks from the surgery.
#include <rehab/rehab.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

int main() {
    using boost::gregorian::date;
    const rehab::protocol& protocol =
        rehab::find_builtin_protocol("achilles-rupture-functional").value().get();
    const rehab::patient who{.affected_side = rehab::body_side::right,
                             .surgery_date = date(2026, 10, 20)};
    const date start(2026, 11, 3); // the program starts two weeks after the surgery

    const auto week3 = rehab::guidance_on(protocol, start, who, date(2026, 11, 5));
    const auto stretch = rehab::may_do(protocol, start, who, date(2026, 11, 5),
                                       "towel-calf-stretch", rehab::catalog::builtin());
    if (!week3 || !stretch) {
        fmt::print(stderr, "{}\n", !week3 ? week3.error() : stretch.error());
        return 1;
    }
    fmt::print("{}\n{}", rehab::to_text(*week3),
               rehab::to_text(*stretch, rehab::catalog::builtin()));
    return 0;
}
