package dev.enroll.application.port.in;

/** A policy as the caller sent it, unchecked; dates are RFC 3339 date-times as text. */
public record PolicyInput(String policyNumber, String startDate, String endDate) {
}
