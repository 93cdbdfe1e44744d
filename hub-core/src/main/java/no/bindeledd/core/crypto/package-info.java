/**
 * Signs and verifies the messages agencies exchange through the hub, obtains and checks RFC 3161
 * timestamps, and keeps the development signing identities (CA, agency keys, time-stamping
 * authority) of the embedded profile. Nothing here may import Bouncy Castle: it delegates to the
 * {@code bc} package, so the rest of the hub depends on JDK types only.
 */
package no.bindeledd.core.crypto;
