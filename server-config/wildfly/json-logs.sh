#!/usr/bin/env bash
# WildFly: the console log in JSON, one object a line (LOG_FORMAT=json), after configure.cli, server stopped:
#   server-config/wildfly/json-logs.sh $JBOSS_HOME
# json-logs.cli points the console handler at the JSON formatter in standalone.xml. The server logs its boot, until
# the logging subsystem starts, with standalone/configuration/logging.properties, which the subsystem rewrites only
# when a real server runs (an embedded server in jboss-cli.sh leaves it alone, WFCORE-1001): without the edit below
# the first start would log about 40 lines of text before its JSON.
set -euo pipefail

home=${1:?usage: json-logs.sh JBOSS_HOME}
here=$(cd "$(dirname "$0")" && pwd)
properties=$home/standalone/configuration/logging.properties

"$home/bin/jboss-cli.sh" --file="$here/json-logs.cli"

grep -q '^handler\.CONSOLE\.formatter=' "$properties" || { echo "no CONSOLE handler in $properties" >&2; exit 1; }
sed -i 's/^handler\.CONSOLE\.formatter=.*/handler.CONSOLE.formatter=JSON/' "$properties"
# The formatter as the logging subsystem writes it for configure.cli's json-formatter.
if ! grep -q '^formatter\.JSON=' "$properties"; then
    cat >> "$properties" <<'PROPERTIES'

formatter.JSON=org.jboss.logmanager.formatters.JsonFormatter
formatter.JSON.properties=keyOverrides,exceptionOutputType,printDetails,prettyPrint,recordDelimiter
formatter.JSON.constructorProperties=keyOverrides
formatter.JSON.keyOverrides=
formatter.JSON.exceptionOutputType=FORMATTED
formatter.JSON.printDetails=false
formatter.JSON.prettyPrint=false
formatter.JSON.recordDelimiter=\n
PROPERTIES
fi
