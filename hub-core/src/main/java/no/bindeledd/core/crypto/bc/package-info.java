/**
 * The one place the hub touches Bouncy Castle, so that an upgrade or a change of library stays in a
 * single package. It must never register the provider globally with {@code Security.addProvider} (a
 * redeployed application would leave its class loader pinned): builders get the provider instance
 * instead.
 */
package no.bindeledd.core.crypto.bc;
