#!/bin/sh
# Runs io.fidelis.spark.SparkBench with the JVM options Spark needs on JDK 17 (those of the tests, from pom.xml).
# Build first: ./mvnw -B -q -pl fidelis-spark -am package -DskipTests   (writes target/classpath.txt)
# Usage: fidelis-spark/bench.sh [--lines 10000000] [--runs 3] [--dir DIR] [--engines core,local[1],local[2]]
cd "$(dirname "$0")" || exit 1
OPENS=$(sed -n '/<spark.jvm.options>/,/<\/spark.jvm.options>/p' pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' ' ')
exec java -Xmx${BENCH_HEAP:-10g} $OPENS -cp "target/fidelis-spark-0.1.0-SNAPSHOT.jar:$(cat target/classpath.txt)" \
    io.fidelis.spark.SparkBench "$@"
