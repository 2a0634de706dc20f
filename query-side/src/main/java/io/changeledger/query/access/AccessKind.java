package io.changeledger.query.access;

/**
 * How a grant came about: requested and approved, taken in an emergency without approval, or imported as a
 * standing role assignment of an IAM system.
 */
enum AccessKind { REQUESTED, BREAK_GLASS, STANDING }
