/* Validates iCalendar files the way a calendar client's library would:
 * parses each with libical, fails on any parse error, runs libical's
 * RFC 5546 restriction check (icalrestriction_check) for the METHOD, and
 * prints each VEVENT's DTSTART and DTEND converted to UTC through the file's
 * own VTIMEZONE, so a test can compare them with the expected instants.
 *
 *   cc tests/ics_validate.c $(pkg-config --cflags --libs libical) -o ics_validate
 *   ics_validate FILE.ics...     prints "FILE METHOD UID SEQUENCE START_UTC END_UTC" per VEVENT
 *                                (METHOD "-" when there is none); exit 1 on a problem. A file with a
 *                                METHOD (an invitation) must hold exactly one VEVENT.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) buf[n] = '\0';
    fclose(f);
    return buf;
}

static void print_errors(const char *path, icalcomponent *c) {
    for (icalcomponent *sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        print_errors(path, sub);
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        fprintf(stderr, "%s: %s: %s\n", path, icalcomponent_kind_to_string(icalcomponent_isa(c)),
                icalproperty_get_xlicerror(p));
}

/* The instant of a DTSTART/DTEND property, resolved through the calendar's VTIMEZONE. */
static int utc_of(icalcomponent *cal, icalproperty *prop, char *out, size_t size) {
    if (!prop) return 0;
    struct icaltimetype t = icalproperty_get_datetime_with_component(prop, NULL);
    icalparameter *tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    if (tzid) {
        icaltimezone *zone = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
        if (!zone) return 0; /* a TZID without its VTIMEZONE */
        t = icaltime_set_timezone(&t, zone);
    }
    struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", u.year, u.month, u.day, u.hour, u.minute, u.second);
    return 1;
}

int main(int argc, char **argv) {
    int bad = 0;
    for (int i = 1; i < argc; ++i) {
        const char *path = argv[i];
        char *text = slurp(path);
        if (!text) {
            fprintf(stderr, "%s: cannot read\n", path);
            bad = 1;
            continue;
        }
        icalcomponent *cal = icalparser_parse_string(text);
        free(text);
        if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
            fprintf(stderr, "%s: not a VCALENDAR\n", path);
            bad = 1;
            continue;
        }
        if (icalcomponent_count_errors(cal) > 0) {
            fprintf(stderr, "%s: parse errors\n", path);
            print_errors(path, cal);
            bad = 1;
        } else if (!icalrestriction_check(cal)) {
            fprintf(stderr, "%s: fails the RFC 5546 restrictions for its METHOD\n", path);
            print_errors(path, cal);
            bad = 1;
        }
        icalproperty *method = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
        int events = 0;
        for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            char start[32], end[32];
            if (!utc_of(cal, icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY), start, sizeof start) ||
                !utc_of(cal, icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY), end, sizeof end)) {
                fprintf(stderr, "%s: DTSTART or DTEND cannot be resolved to UTC\n", path);
                bad = 1;
                continue;
            }
            printf("%s %s %s %d %s %s\n", path, method ? icalproperty_method_to_string(icalproperty_get_method(method)) : "-",
                   icalcomponent_get_uid(ev), icalcomponent_get_sequence(ev), start, end);
            ++events;
        }
        /* A scheduling message (METHOD) carries one meeting; a calendar to import, any number. */
        if (method ? events != 1 : events < 1) {
            fprintf(stderr, "%s: %d VEVENTs, expected %s\n", path, events, method ? "one" : "at least one");
            bad = 1;
        }
        icalcomponent_free(cal);
    }
    return bad;
}
