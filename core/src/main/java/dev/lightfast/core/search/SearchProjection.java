package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the log into the search index, embedding each event's text on the way: the model is
 * the slow part, so it runs here in batches and never while a request waits.
 */
public final class SearchProjection implements Projection {
  private static final int BATCH = 256;
  /** MiniLM reads 256 word pieces; longer text costs time and adds nothing to the vector. */
  private static final int MAX_EMBEDDED_CHARS = 1_000;

  private final EventLog log;
  private final SearchIndex index;
  private final Embedder embedder;

  public SearchProjection(EventLog log, SearchIndex index, Embedder embedder) {
    this.log = log;
    this.index = index;
    this.embedder = embedder;
  }

  @Override
  public String name() {
    return "search";
  }

  @Override
  public long checkpoint(TenantId tenant) {
    return index.checkpoint(tenant);
  }

  @Override
  public int catchUp(TenantId tenant) {
    var page = log.read(tenant, EventQuery.all(BATCH).after(index.checkpoint(tenant)));
    if (page.events().isEmpty()) {
      return 0;
    }
    List<String> texts = new ArrayList<>(page.events().size());
    for (Event e : page.events()) {
      texts.add(embeddedText(e));
    }
    List<float[]> vectors = embedder.embedAll(texts);
    List<SearchIndex.Indexed> batch = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      batch.add(new SearchIndex.Indexed(page.events().get(i), vectors.get(i)));
    }
    index.index(tenant, batch);
    return batch.size();
  }

  @Override
  public void reset(TenantId tenant) {
    index.reset(tenant);
  }

  /** What the vector stands for: the title says what happened, the body's start says about what. */
  public static String embeddedText(Event e) {
    String text = e.body() == null || e.body().isBlank() ? e.title() : e.title() + "\n" + e.body();
    return text.length() <= MAX_EMBEDDED_CHARS ? text : text.substring(0, MAX_EMBEDDED_CHARS);
  }
}
