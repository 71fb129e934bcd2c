package io.lrsched.train;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo for Spark with ND4J's registrator (compact INDArrays in broadcasts and shuffles), plus Java serialisation for
 * every Java record: Spark 3.5 ships Kryo 4, which cannot create records ("can't get field offset on a record
 * class"), and our data-plane values are records.
 */
public final class KryoSetup implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    new Nd4jRegistrator().registerClasses(kryo);
    kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
  }
}
