package dev.lightfast.core.tenant;

/** A tenant with that id exists already. */
public final class DuplicateTenant extends RuntimeException {
    public DuplicateTenant(TenantId id) {
        super("tenant '" + id + "' already exists", null, false, false);
    }
}
