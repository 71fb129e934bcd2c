package io.lrsched.train;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo for Spark with ND4J's registrator (compact INDArrays in broadcasts and shuffles), plus
 * {@link RecordSerializer} for every Java record: Spark 3.5 ships Kryo 4, which cannot create records, and our
 * data-plane values are records. Kryo itself is Spark's (kryo-shaded); the application jar carries none.
 */
public final class KryoSetup implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    new Nd4jRegistrator().registerClasses(kryo);
    kryo.addDefaultSerializer(Record.class, RecordSerializer.class);
  }
}
