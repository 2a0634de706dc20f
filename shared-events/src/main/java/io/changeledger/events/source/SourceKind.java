package io.changeledger.events.source;

/** How a source reaches the ledger, which decides how it proves who it is. */
public enum SourceKind {
    /** The batch API and CloudEvents over HTTP, with a bearer token. */
    API,
    /** Records on the ingest topic naming the source in a header; Kafka's own authentication admits the producer. */
    KAFKA,
    /** GitHub webhooks, signed with HMAC-SHA256 ({@code X-Hub-Signature-256}). */
    GITHUB,
    /** GitLab webhooks, with a shared token ({@code X-Gitlab-Token}). */
    GITLAB,
    /** HCP Terraform / Terraform Enterprise notifications, signed with HMAC-SHA512. */
    TERRAFORM
}
