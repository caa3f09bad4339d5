package dev.lightfast.core.act;

import java.util.List;

/** A page of intents, newest first; {@code next} continues after the last one, null when there are no more. */
public record IntentPage(List<Intent> intents, IntentQuery.Position next) {
    public IntentPage {
        intents = List.copyOf(intents);
    }
}
