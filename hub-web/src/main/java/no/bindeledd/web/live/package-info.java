/**
 * Live updates for the staff screens: a server-sent event stream per signed-in caller, told of
 * changes to their agency's messages once the change committed. It shows only what the REST API
 * would show the same caller (the core decides who may know of a message) and names messages and
 * statuses, never a person or content. It must not decide, store or audit anything itself.
 */
package no.bindeledd.web.live;
