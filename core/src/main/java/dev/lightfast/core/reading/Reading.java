package dev.lightfast.core.reading;

import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import java.util.List;

/**
 * A question read and linked to the tenant's graph: the plan an answer follows. It holds what is
 * asked ({@link Question#type()}, {@link Question#kind()}), the anchors with the entities they
 * stand for, the time window and the relation cues. Reusable by anything that reads questions or
 * references: answers, why-chains, intents.
 *
 * @param description the words searched for, when the question describes a thing rather than
 *     naming it; null when it names everything it needs
 */
public record Reading(Question question, List<Anchor> anchors, String description) {
    public Reading {
        anchors = List.copyOf(anchors);
    }

    /** The people named, each anchor one person with all their identities. */
    public List<Anchor> people() {
        return anchors.stream().filter(Anchor::isPerson).toList();
    }

    /** The specific things named or described (not people, not hubs), in the order they were named. */
    public List<Entity> things() {
        return anchors.stream()
                .filter(a -> !a.isPerson())
                .flatMap(a -> a.source() == Anchor.Source.DESCRIPTION
                        ? a.entities().stream().limit(1)
                        : a.entities().stream())
                .filter(e -> !EntityKind.isHub(e.kind()))
                .toList();
    }

    /** The places named: repositories, services, projects, channels. */
    public List<Entity> places() {
        return anchors.stream()
                .filter(a -> !a.isPerson())
                .flatMap(a -> a.entities().stream())
                .filter(e -> EntityKind.isHub(e.kind()) && !EntityKind.PERSON.is(e.kind()))
                .toList();
    }

    /** The same reading with a description's {@code index}-th match taken as what it means. */
    public Reading preferring(Anchor description, int index) {
        List<Anchor> out = new java.util.ArrayList<>();
        for (Anchor a : anchors) {
            if (a == description) {
                List<Entity> entities = new java.util.ArrayList<>(a.entities());
                entities.addFirst(entities.remove(index));
                out.add(new Anchor(a.mention(), a.source(), entities, a.because()));
            } else {
                out.add(a);
            }
        }
        return new Reading(question, out, this.description);
    }

    public List<Anchor> descriptions() {
        return anchors.stream()
                .filter(a -> a.source() == Anchor.Source.DESCRIPTION)
                .toList();
    }
}
