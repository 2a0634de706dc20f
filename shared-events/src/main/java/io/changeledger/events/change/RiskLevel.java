package io.changeledger.events.change;

public enum RiskLevel { LOW, MEDIUM, HIGH, CRITICAL }
