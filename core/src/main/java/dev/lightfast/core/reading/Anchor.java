package dev.lightfast.core.reading;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.Entity;
import java.util.List;

/**
 * Something a question names, linked to the graph: the words it was named by, how they were read,
 * and the entities they stand for. A person's anchor holds every identity the name stands for; a
 * description's holds the things its best search hits are about, best first, with those hits'
 * citations as the reason.
 */
public record Anchor(String mention, Source source, List<Entity> entities, List<Citation> because) {

    /** How the mention was linked. */
    public enum Source {
        /** An explicit key: a SHA, {@code #41}, {@code ENG-123}, an id. */
        KEY,
        /** A person, by a name, login or email they go by. */
        PERSON,
        /** A named place or group: a repository, service, project, channel. */
        NAME,
        /** A description ("the gateway retry fix"), resolved through search. */
        DESCRIPTION
    }

    public Anchor {
        entities = List.copyOf(entities);
        because = because == null ? List.of() : List.copyOf(because);
    }

    public boolean isPerson() {
        return source == Source.PERSON;
    }
}
