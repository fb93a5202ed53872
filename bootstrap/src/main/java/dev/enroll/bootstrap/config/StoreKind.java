package dev.enroll.bootstrap.config;

/** Where users are kept. */
public enum StoreKind {
    /** PostgreSQL: the system of record. */
    POSTGRES,
    /** Process memory: for trying the API out; nothing survives a restart. */
    MEMORY
}
