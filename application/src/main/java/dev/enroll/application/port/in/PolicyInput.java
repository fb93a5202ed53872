package dev.enroll.application.port.in;

/** A policy as the caller sent it, unchecked; dates are ISO-8601 instants as text. */
public record PolicyInput(String policyNumber, String startDate, String endDate) {
}
