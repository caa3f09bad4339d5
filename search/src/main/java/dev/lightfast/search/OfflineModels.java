package dev.lightfast.search;

/**
 * Keeps the embedding libraries on this machine. DJL, whose tokenizer the model uses, reports usage
 * when it loads by asking the cloud metadata address (169.254.169.254) who it runs on, unless told
 * not to; Lightfast runs inside a team's network and reaches no address its operator did not
 * configure. Both switches are read by DJL when it acts, so they must be set before any model
 * loads: every embedder calls {@link #enforce()} first.
 */
public final class OfflineModels {
    /** DJL's usage-report switch, read as an environment variable or a system property. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    /** DJL's offline switch: never download an engine, a model or a native library. */
    public static final String DJL_OFFLINE = "ai.djl.offline";

    private OfflineModels() {}

    public static void enforce() {
        System.setProperty(OPT_OUT_TRACKING, "true");
        System.setProperty(DJL_OFFLINE, "true");
    }
}
