package io.lrsched.train;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Kryo serializer for Java records, by Java serialisation (Spark's Kryo 4 cannot create records: "can't get field
 * offset on a record class"), with classes resolved through the class loader Spark gives Kryo, the one that sees the
 * application jar. Kryo's own {@code JavaSerializer} is not used: depending on which Kryo copy loaded it, it resolves
 * classes with the loader that loaded Kryo, and on an executor that loader does not see our records
 * ({@code ClassNotFoundException: io.lrsched.schedule.EpochLrTable}).
 */
public final class RecordSerializer extends Serializer<Record> {

  @Override
  public void write(Kryo kryo, Output output, Record record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(record);
    } catch (IOException e) {
      throw new KryoException("cannot serialize " + record.getClass().getName(), e);
    }
    output.writeInt(bytes.size(), true);
    output.writeBytes(bytes.toByteArray());
  }

  @Override
  public Record read(Kryo kryo, Input input, Class<Record> type) {
    byte[] bytes = input.readBytes(input.readInt(true));
    ClassLoader loader = kryo.getClassLoader();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc); // primitives and JDK classes
        }
      }
    }) {
      return (Record) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new KryoException("cannot deserialize " + type.getName(), e);
    }
  }
}
