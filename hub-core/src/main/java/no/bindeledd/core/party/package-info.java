/**
 * The agencies the hub links, identified by organisation number. Their kind decides how they are
 * reached and whether they may ever receive health data.
 */
package no.bindeledd.core.party;
