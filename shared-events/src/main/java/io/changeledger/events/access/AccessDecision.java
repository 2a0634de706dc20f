package io.changeledger.events.access;

/** What a reviewer decides about a grant in an access review. */
public enum AccessDecision { CERTIFIED, REVOKED }
