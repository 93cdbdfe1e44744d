/**
 * Wiring the hub together at start: settings, the data source, the producers that hand the core its
 * container resources, the municipality's agencies, and the order in which all of it comes up.
 */
package no.bindeledd.web.platform;
