/**
 * Signs and verifies the messages agencies exchange through the hub, and keeps the development
 * signing identities of the embedded profile. Nothing here may import Bouncy Castle: it delegates
 * to the {@code bc} package, so the rest of the hub depends on JDK types only.
 */
package no.bindeledd.core.crypto;
