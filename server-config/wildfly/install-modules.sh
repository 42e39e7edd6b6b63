#!/usr/bin/env bash
# Adds to a WildFly installation the two modules property-listings.war needs and the server does not ship:
#   - the PostgreSQL JDBC driver (module org.postgresql), for the datasource configure.cli defines;
#   - EclipseLink, the JPA provider the WAR's persistence.xml names. WildFly ships Hibernate and only the
#     integration half of EclipseLink (module org.eclipse.persistence with jipijapa-eclipselink); the
#     EclipseLink jar goes into that module, as WildFly's JPA documentation describes.
# Usage: install-modules.sh JBOSS_HOME postgresql.jar eclipselink.jar    (safe to run twice)
set -euo pipefail
if [ $# -ne 3 ]; then
    echo "usage: $0 JBOSS_HOME postgresql.jar eclipselink.jar" >&2
    exit 2
fi
jboss_home=$1
postgresql_jar=$2
eclipselink_jar=$3
here=$(cd "$(dirname "$0")" && pwd)

driver_module="$jboss_home/modules/org/postgresql/main"
mkdir -p "$driver_module"
cp "$here/modules/org/postgresql/main/module.xml" "$driver_module/module.xml"
cp "$postgresql_jar" "$driver_module/postgresql.jar"

eclipselink_module="$jboss_home/modules/system/layers/base/org/eclipse/persistence/main"
if [ ! -f "$eclipselink_module/module.xml" ]; then
    echo "no module org.eclipse.persistence in $jboss_home: not a WildFly with the JPA subsystem?" >&2
    exit 1
fi
cp "$eclipselink_jar" "$eclipselink_module/eclipselink.jar"
if ! grep -q 'path="eclipselink.jar"' "$eclipselink_module/module.xml"; then
    # The jar goes after the jipijapa resource root. EclipseLink also needs JDK modules the integration half
    # does not (java.rmi: its PersistenceProvider refers to RemoteException; java.sql, java.xml, java.desktop).
    sed -i -e 's|\(<resource-root path="jipijapa-eclipselink-[^"]*"/>\)|\1\n        <resource-root path="eclipselink.jar"/>|' \
        -e 's|\(<dependencies>\)|\1\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.xml"/>\n        <module name="java.desktop"/>|' \
        "$eclipselink_module/module.xml"
    grep -q 'path="eclipselink.jar"' "$eclipselink_module/module.xml" || {
        echo "could not add eclipselink.jar to $eclipselink_module/module.xml" >&2
        exit 1
    }
fi
echo "Installed modules org.postgresql and org.eclipse.persistence (EclipseLink) in $jboss_home"
