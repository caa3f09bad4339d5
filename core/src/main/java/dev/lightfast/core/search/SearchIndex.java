package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * The derived full-text and vector index of every tenant's events. Every call is scoped by tenant;
 * no query can return another tenant's document.
 */
public interface SearchIndex extends AutoCloseable {

  /** An event with its embedding, ready to index. */
  record Indexed(Event event, float[] vector) {}

  /**
   * Indexes events of one tenant (in {@code seq} order, after the checkpoint) and moves the
   * checkpoint to the last one; already indexed events are skipped.
   */
  void index(TenantId tenant, List<Indexed> batch);

  long checkpoint(TenantId tenant);

  /**
   * Runs the query; {@code queryVector} is required for vector and hybrid modes and ignored for
   * keyword mode.
   */
  List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector);

  void reset(TenantId tenant);

  @Override
  void close();
}
