// An independent reader of the .ics export: libical (Debian's libical-dev)
// parses each file given on the command line and runs its RFC 5545/5546
// restriction check. Every X-LIC-ERROR libical attaches (a parse error, a
// property missing or not allowed) is printed; the exit status is 1 if any
// file has one.
//
// usage: rehab_ical_restriction_check FILE.ics...
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <libical/ical.h>

namespace {

/// Prints every X-LIC-ERROR under `c`; returns how many.
int print_errors(icalcomponent* c, const char* file) {
    int count = 0;
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
         p != nullptr; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        std::fprintf(stderr, "%s: %s: %s\n", file,
                     icalcomponent_kind_to_string(icalcomponent_isa(c)),
                     icalproperty_get_xlicerror(p));
        ++count;
    }
    for (icalcomponent* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         child != nullptr; child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        count += print_errors(child, file);
    }
    return count;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.ics...\n", argv[0]);
        return 2;
    }
    int bad = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            std::fprintf(stderr, "%s: cannot read\n", argv[i]);
            return 2;
        }
        icalcomponent* calendar = icalparser_parse_string(text.c_str());
        if (calendar == nullptr) {
            std::fprintf(stderr, "%s: libical could not parse it\n", argv[i]);
            ++bad;
            continue;
        }
        int events = 0;
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
             e != nullptr; e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            ++events;
        }
        const bool restrictions_met = icalrestriction_check(calendar) != 0;
        const int errors = print_errors(calendar, argv[i]);
        if (!restrictions_met || errors > 0 || events == 0) {
            std::fprintf(stderr, "%s: %d errors, restriction check %s, %d events\n", argv[i],
                         errors, restrictions_met ? "passed" : "failed", events);
            ++bad;
        } else {
            std::printf("%s: %d events, restriction check passed\n", argv[i], events);
        }
        icalcomponent_free(calendar);
    }
    return bad == 0 ? 0 : 1;
}
