package dev.lightfast.reason.pattern;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the patterns in what the patterns projection noted: per service and environment, how many
 * deployments an incident followed within N minutes (count and rate); services with more than one
 * incident; per repository, how long pull requests wait for a first review; per area, work that was
 * done and then reopened. Each pattern cites the events that show it.
 */
public final class Patterns {
    public static final Set<String> KINDS = Set.of(
            Pattern.DEPLOY_THEN_INCIDENT, Pattern.REPEATED_INCIDENTS, Pattern.REVIEW_TURNAROUND, Pattern.REOPENED_WORK);
    /** Supporting events listed per pattern; the count says how many there are in all. */
    static final int SUPPORTING = 20;

    private final PatternStore store;

    public Patterns(PatternStore store) {
        this.store = store;
    }

    /**
     * The tenant's patterns, of one kind or (null) all.
     *
     * @param within how soon after a deployment an incident counts as following it
     */
    public List<Pattern> of(TenantId tenant, String kind, Duration within) {
        if (kind != null && !KINDS.contains(kind)) {
            throw new InvalidInput("kind must be one of " + String.join(", ", new java.util.TreeSet<>(KINDS))
                    + "; got '" + kind + "'");
        }
        if (within.isNegative() || within.isZero() || within.compareTo(PatternProjection.FOLLOWS_WITHIN) > 0) {
            throw new InvalidInput(
                    "within must be between 1 and " + PatternProjection.FOLLOWS_WITHIN.toMinutes() + " minutes");
        }
        List<Pattern> out = new ArrayList<>();
        if (kind == null || kind.equals(Pattern.DEPLOY_THEN_INCIDENT)) {
            out.addAll(deployThenIncident(tenant, within));
        }
        if (kind == null || kind.equals(Pattern.REPEATED_INCIDENTS)) {
            out.addAll(repeatedIncidents(tenant));
        }
        if (kind == null || kind.equals(Pattern.REVIEW_TURNAROUND)) {
            out.addAll(reviewTurnaround(tenant));
        }
        if (kind == null || kind.equals(Pattern.REOPENED_WORK)) {
            out.addAll(reopenedWork(tenant));
        }
        return out;
    }

    private List<Pattern> deployThenIncident(TenantId tenant, Duration within) {
        Map<String, List<Observation.Deployment>> groups = new TreeMap<>();
        for (Observation o : store.observations(tenant, Observation.DEPLOYMENT)) {
            var d = (Observation.Deployment) o;
            if (d.live() && d.area() != null) {
                groups.computeIfAbsent(d.area() + "\u0000" + env(d.environment()), k -> new ArrayList<>())
                        .add(d);
            }
        }
        List<Pattern> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            String area = g.getKey().substring(0, g.getKey().indexOf('\u0000'));
            String environment = g.getKey().substring(g.getKey().indexOf('\u0000') + 1);
            List<Observation.Deployment> all = g.getValue();
            List<Observation.Deployment> followed = all.stream()
                    .filter(d -> d.incident() != null && d.incident().minutes() <= within.toMinutes())
                    .toList();
            List<Citation> supporting = new ArrayList<>();
            for (var d : followed) {
                if (supporting.size() + 2 > SUPPORTING) {
                    break;
                }
                supporting.add(d.citation());
                supporting.add(d.incident().citation());
            }
            if (followed.isEmpty()) {
                all.stream().skip(Math.max(0, all.size() - 3)).forEach(d -> supporting.add(d.citation()));
            }
            double rate = round((double) followed.size() / all.size());
            String summary = followed.size() + " of " + all.size() + " deployment" + (all.size() == 1 ? "" : "s")
                    + " of " + area + " to " + environment + " " + (all.size() == 1 ? "was" : "were")
                    + " followed by an incident there within " + within.toMinutes() + " minutes ("
                    + percent(rate) + ")"
                    + (followed.isEmpty()
                            ? "."
                            : ", e.g. " + followed.getFirst().incident().thing().label()
                                    + " " + followed.getFirst().incident().minutes() + " minutes after "
                                    + followed.getFirst().deployment().label() + ".");
            out.add(new Pattern(
                    Pattern.DEPLOY_THEN_INCIDENT,
                    area,
                    environment,
                    followed.size(),
                    all.size(),
                    rate,
                    null,
                    summary,
                    supporting));
        }
        out.sort(Comparator.comparingInt(Pattern::count).reversed().thenComparing(p -> -p.rate()));
        return out;
    }

    private List<Pattern> repeatedIncidents(TenantId tenant) {
        Map<String, List<Observation.Incident>> byArea = new TreeMap<>();
        for (Observation o : store.observations(tenant, Observation.INCIDENT)) {
            if (o.area() != null) {
                byArea.computeIfAbsent(o.area(), k -> new ArrayList<>()).add((Observation.Incident) o);
            }
        }
        List<Pattern> out = new ArrayList<>();
        for (var g : byArea.entrySet()) {
            var incidents = g.getValue();
            if (incidents.size() < 2) {
                continue;
            }
            long afterDeploys =
                    incidents.stream().filter(i -> i.deployment() != null).count();
            String summary = g.getKey() + " had " + incidents.size() + " incidents between "
                    + day(incidents.getFirst().at()) + " and "
                    + day(incidents.getLast().at()) + " ("
                    + afterDeploys + " within a day of a deployment there): "
                    + String.join(
                            ", ",
                            incidents.stream()
                                    .limit(5)
                                    .map(i -> i.incident().label())
                                    .toList()) + ".";
            out.add(new Pattern(
                    Pattern.REPEATED_INCIDENTS,
                    g.getKey(),
                    null,
                    incidents.size(),
                    null,
                    null,
                    null,
                    summary,
                    incidents.stream()
                            .limit(SUPPORTING)
                            .map(Observation.Incident::citation)
                            .toList()));
        }
        out.sort(Comparator.comparingInt(Pattern::count).reversed());
        return out;
    }

    private List<Pattern> reviewTurnaround(TenantId tenant) {
        Map<String, List<Observation.Review>> byArea = new TreeMap<>();
        for (Observation o : store.observations(tenant, Observation.REVIEW)) {
            if (o.area() != null) {
                byArea.computeIfAbsent(o.area(), k -> new ArrayList<>()).add((Observation.Review) o);
            }
        }
        List<Pattern> out = new ArrayList<>();
        for (var g : byArea.entrySet()) {
            List<Observation.Review> reviewed = g.getValue().stream()
                    .filter(r -> r.firstReview() != null)
                    .sorted(Comparator.comparingLong(
                                    (Observation.Review r) -> r.firstReview().minutes())
                            .reversed())
                    .toList();
            if (reviewed.isEmpty()) {
                continue;
            }
            long[] minutes = reviewed.stream()
                    .mapToLong(r -> r.firstReview().minutes())
                    .sorted()
                    .toArray();
            long median = minutes[(minutes.length - 1) / 2];
            long p90 = minutes[(int) Math.ceil(0.9 * minutes.length) - 1];
            long waiting = g.getValue().size() - reviewed.size();
            var slowest = reviewed.getFirst();
            String summary = reviewed.size() + " pull request" + (reviewed.size() == 1 ? "" : "s") + " of " + g.getKey()
                    + " got a first review in " + hours(median) + " (median; 90th percentile " + hours(p90) + ")"
                    + (waiting > 0 ? "; " + waiting + " still wait" + (waiting == 1 ? "s" : "") : "")
                    + ". The longest wait: " + slowest.pullRequest().label() + ", "
                    + hours(slowest.firstReview().minutes())
                    + ".";
            List<Citation> supporting = new ArrayList<>();
            for (var r : reviewed) {
                if (supporting.size() + 2 > SUPPORTING) {
                    break;
                }
                supporting.add(r.opened());
                supporting.add(r.firstReview().citation());
            }
            out.add(new Pattern(
                    Pattern.REVIEW_TURNAROUND,
                    g.getKey(),
                    null,
                    reviewed.size(),
                    g.getValue().size(),
                    null,
                    new Pattern.Minutes(median, p90),
                    summary,
                    supporting));
        }
        return out;
    }

    private List<Pattern> reopenedWork(TenantId tenant) {
        Map<String, List<Observation.Work>> byArea = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        for (Observation o : store.observations(tenant, Observation.WORK)) {
            String area = o.area() == null ? "unplaced" : o.area();
            totals.merge(area, 1, Integer::sum);
            var w = (Observation.Work) o;
            if (!w.reopened().isEmpty()) {
                byArea.computeIfAbsent(area, k -> new ArrayList<>()).add(w);
            }
        }
        List<Pattern> out = new ArrayList<>();
        for (var g : byArea.entrySet()) {
            var items = g.getValue();
            int reopens = items.stream().mapToInt(w -> w.reopened().size()).sum();
            int total = totals.get(g.getKey());
            String summary = items.size() + " of " + total + " pieces of work in " + g.getKey()
                    + " were reopened after being closed (" + reopens + " time" + (reopens == 1 ? "" : "s") + "): "
                    + String.join(
                            ", ",
                            items.stream().limit(5).map(w -> w.item().label()).toList()) + ".";
            List<Citation> supporting = new ArrayList<>();
            for (var w : items) {
                if (w.lastDone() != null && supporting.size() < SUPPORTING) {
                    supporting.add(w.lastDone());
                }
                w.reopened().stream()
                        .limit(Math.max(0, SUPPORTING - supporting.size()))
                        .forEach(supporting::add);
            }
            double rate = round((double) items.size() / total);
            out.add(new Pattern(
                    Pattern.REOPENED_WORK, g.getKey(), null, items.size(), total, rate, null, summary, supporting));
        }
        out.sort(Comparator.comparingInt(Pattern::count).reversed());
        return out;
    }

    private static String env(String environment) {
        return environment == null ? "production" : environment;
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static String hours(long minutes) {
        return minutes < 120 ? minutes + " min" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }

    private static String day(java.time.Instant t) {
        return t.toString().substring(0, 10);
    }
}
