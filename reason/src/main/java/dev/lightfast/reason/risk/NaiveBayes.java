package dev.lightfast.reason.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk model: naive Bayes over the features' buckets, fitted by counting past deployments with
 * and without an incident after them. Each bucket's likelihood ratio is read in its odds form: the
 * incident rate among deployments in the bucket against the base rate, the bucket's rate shrunk
 * toward the base rate by {@link #PSEUDO} deployments' worth, so a bucket seen rarely (or never)
 * moves the score little (or not at all). Chosen because every feature's share of a score is a
 * readable number, and it learns from the few dozen deployments a team has without overfitting them.
 * Fitting is counting: it is fitted on each call.
 */
final class NaiveBayes {
    /** How many deployments' worth of the base rate a bucket's own rate is shrunk with. */
    static final double PSEUDO = 4;

    private final int positives;
    private final int negatives;
    private final Map<String, Map<String, int[]>> counts;

    private NaiveBayes(int positives, int negatives, Map<String, Map<String, int[]>> counts) {
        this.positives = positives;
        this.negatives = negatives;
        this.counts = counts;
    }

    static NaiveBayes fit(List<Example> past) {
        int pos = 0;
        int neg = 0;
        Map<String, Map<String, int[]>> counts = new HashMap<>();
        for (Example e : past) {
            boolean y = Boolean.TRUE.equals(e.followed());
            if (y) {
                pos++;
            } else {
                neg++;
            }
            for (var f : e.features().entrySet()) {
                counts.computeIfAbsent(f.getKey(), k -> new HashMap<>())
                        .computeIfAbsent(f.getValue().bucket(), k -> new int[2])[y ? 1 : 0]++;
            }
        }
        return new NaiveBayes(pos, neg, counts);
    }

    int positives() {
        return positives;
    }

    int negatives() {
        return negatives;
    }

    /** The base rate, smoothed: an incident after one of {@code n + 2} deployments when none was seen. */
    double base() {
        return (positives + 1.0) / (positives + negatives + 2.0);
    }

    /** The prior log-odds of an incident following a deployment. */
    double prior() {
        return logit(base());
    }

    /**
     * How much a feature's bucket moves the log-odds: the logit of the incident rate in the bucket
     * (shrunk toward the base rate) less the logit of the base rate. Zero for a bucket never seen.
     */
    double weight(String feature, String bucket) {
        int[] c = counts.getOrDefault(feature, Map.of()).getOrDefault(bucket, new int[2]);
        double rate = (c[1] + PSEUDO * base()) / (c[0] + c[1] + PSEUDO);
        return logit(rate) - logit(base());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** The probability that an incident follows, for an example. */
    double score(Example e) {
        double logit = prior();
        for (var f : e.features().entrySet()) {
            logit += weight(f.getKey(), f.getValue().bucket());
        }
        return 1 / (1 + Math.exp(-logit));
    }
}
