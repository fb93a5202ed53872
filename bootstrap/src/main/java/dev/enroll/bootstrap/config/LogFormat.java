package dev.enroll.bootstrap.config;

/** How log lines are written: for people ({@code text}) or as one JSON object per line ({@code json}). */
public enum LogFormat {
    TEXT,
    JSON
}
