/** The one canonical JSON form the hub hashes and signs, so that anyone can reproduce the bytes. */
package no.bindeledd.core.canonical;
