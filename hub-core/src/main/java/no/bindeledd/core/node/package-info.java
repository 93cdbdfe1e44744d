/**
 * What the hub's nodes share when more than one runs on one database: leases that let one node at a
 * time do a job (the audit log's checkpoint round), and the feed of changes that live streams on
 * every node are told of. Everything goes through the database, which every node already trusts;
 * nothing here uses a data grid, a cluster protocol or the network between nodes.
 */
package no.bindeledd.core.node;
