package dev.lightfast.reason.risk;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.pattern.Observation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features a change is scored on, computed the same way for the past deployments the model
 * learns from and for the change being scored, each from what was known before the change:
 *
 * <ul>
 *   <li>{@value #AREA}: the service it goes to (its incident history is what the model learns);
 *   <li>{@value #RECENT}: incidents in that service in the 30 days before;
 *   <li>{@value #SIZE}: lines changed by the pull request it ships;
 *   <li>{@value #AUTHOR}: the author's history in that service: new to it, has shipped there, or an
 *       incident followed one of their changes there;
 *   <li>{@value #TIME}: working hours, evening or night, Friday afternoon or weekend (UTC).
 * </ul>
 */
final class Features {
    static final String AREA = "area";
    static final String RECENT = "recent_incidents";
    static final String SIZE = "size";
    static final String AUTHOR = "author_history";
    static final String TIME = "time";
    static final List<String> ALL = List.of(AREA, RECENT, SIZE, AUTHOR, TIME);

    /** An incident this soon after a deployment to its place counts as following it. */
    static final Duration FOLLOWS = Duration.ofHours(1);

    private static final Duration RECENT_WINDOW = Duration.ofDays(30);
    /** Cited events per feature. */
    private static final int CITED = 5;

    private final List<Observation.Deployment> deployments;
    private final List<Observation.Incident> incidents;

    /** From the live deployments and the incidents known, each list in time order. */
    Features(List<Observation.Deployment> deployments, List<Observation.Incident> incidents) {
        this.deployments = deployments;
        this.incidents = incidents;
    }

    /** Every past production deployment as an example, features computed from what came before it. */
    List<Example> history(Instant before) {
        List<Example> out = new ArrayList<>();
        Map<String, List<Observation.Deployment>> byAuthorArea = new HashMap<>();
        for (var d : deployments) {
            if (!d.at().isBefore(before) || d.area() == null || !production(d.environment())) {
                continue;
            }
            String key = d.author() == null ? null : d.author().id() + "|" + d.area();
            List<Observation.Deployment> theirs = key == null ? List.of() : byAuthorArea.getOrDefault(key, List.of());
            out.add(example(d.key(), d.area(), d.size(), d.at(), theirs, d.citation(), followed(d)));
            if (key != null) {
                byAuthorArea.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
        }
        return out;
    }

    /** A change about to go to {@code area} at {@code at}, by {@code author}. */
    Example candidate(String key, String area, Integer size, Instant at, Answer.Ref author, Citation citation) {
        List<Observation.Deployment> theirs = author == null
                ? List.of()
                : deployments.stream()
                        .filter(d -> d.at().isBefore(at)
                                && area.equals(d.area())
                                && production(d.environment())
                                && d.author() != null
                                && d.author().id().equals(author.id()))
                        .toList();
        return example(key, area, size, at, theirs, citation, null);
    }

    private Example example(
            String key,
            String area,
            Integer size,
            Instant at,
            List<Observation.Deployment> theirs,
            Citation citation,
            Boolean followed) {
        Map<String, Example.Bucket> f = new LinkedHashMap<>();
        f.put(AREA, area(area, at));
        f.put(RECENT, recent(area, at));
        f.put(SIZE, size(size, citation));
        f.put(AUTHOR, author(theirs, at));
        f.put(TIME, time(at, citation));
        return new Example(key, at, f, followed, citation);
    }

    private Example.Bucket area(String area, Instant at) {
        List<Citation> cited = new ArrayList<>();
        int shipped = 0;
        int followed = 0;
        for (var d : deployments) {
            if (d.at().isBefore(at) && area.equals(d.area()) && production(d.environment())) {
                shipped++;
                if (followedBefore(d, at)) {
                    followed++;
                    if (cited.size() + 2 <= CITED + 1) {
                        cited.add(d.citation());
                        cited.add(d.incident().citation());
                    }
                }
            }
        }
        return new Example.Bucket(
                area + ": " + followed + " of " + shipped
                        + " earlier deployments followed by an incident within the hour",
                area,
                cited);
    }

    private Example.Bucket recent(String area, Instant at) {
        List<Citation> cited = new ArrayList<>();
        int n = 0;
        for (var i : incidents) {
            if (area.equals(i.area()) && i.at().isBefore(at) && !i.at().isBefore(at.minus(RECENT_WINDOW))) {
                n++;
                if (cited.size() < CITED) {
                    cited.add(i.citation());
                }
            }
        }
        String bucket = n == 0 ? "none" : n == 1 ? "one" : "two or more";
        return new Example.Bucket(
                n + " incident" + (n == 1 ? "" : "s") + " in " + area + " in the 30 days before", bucket, cited);
    }

    private static Example.Bucket size(Integer lines, Citation citation) {
        if (lines == null) {
            return new Example.Bucket("unknown", "unknown", List.of());
        }
        String bucket = lines < 100 ? "small" : lines < 400 ? "medium" : "large";
        return new Example.Bucket(lines + " lines changed", bucket, citation == null ? List.of() : List.of(citation));
    }

    private Example.Bucket author(List<Observation.Deployment> theirs, Instant at) {
        List<Observation.Deployment> before =
                theirs.stream().filter(d -> d.at().isBefore(at)).toList();
        List<Observation.Deployment> hit =
                before.stream().filter(d -> followedBefore(d, at)).toList();
        String bucket = before.isEmpty() ? "new here" : hit.isEmpty() ? "has shipped here" : "had an incident here";
        List<Citation> cited = new ArrayList<>();
        (hit.isEmpty() ? before : hit)
                .stream()
                        .skip(Math.max(0, (hit.isEmpty() ? before : hit).size() - CITED))
                        .forEach(d -> cited.add(d.citation()));
        return new Example.Bucket(
                before.size() + " earlier deployment" + (before.size() == 1 ? "" : "s") + " of theirs here, "
                        + hit.size() + " followed by an incident",
                bucket,
                cited);
    }

    private static Example.Bucket time(Instant at, Citation citation) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        int hour = t.getHour();
        DayOfWeek day = t.getDayOfWeek();
        String bucket;
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            bucket = "weekend";
        } else if (day == DayOfWeek.FRIDAY && hour >= 14) {
            bucket = "friday afternoon";
        } else if (hour < 8 || hour >= 18) {
            bucket = "evening or night";
        } else {
            bucket = "working hours";
        }
        return new Example.Bucket(
                day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                        + String.format(java.util.Locale.ROOT, "%02d:%02d", hour, t.getMinute()) + " UTC",
                bucket,
                citation == null ? List.of() : List.of(citation));
    }

    static boolean followed(Observation.Deployment d) {
        return d.incident() != null && d.incident().minutes() <= FOLLOWS.toMinutes();
    }

    /** Whether an incident followed it and was known by {@code at}: no feature may see the future. */
    static boolean followedBefore(Observation.Deployment d, Instant at) {
        return followed(d) && d.incident().at().isBefore(at);
    }

    static boolean production(String environment) {
        return environment == null || environment.equals("production");
    }
}
