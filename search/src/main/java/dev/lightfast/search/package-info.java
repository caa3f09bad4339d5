/** Hybrid search over a tenant's events and entities: BM25 and dense vectors, fused. */
package dev.lightfast.search;
