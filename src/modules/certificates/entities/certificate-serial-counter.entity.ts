import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last serial number a unit issued in a year. Taken and advanced in the issuing transaction, so
 * a rolled-back issue leaves no gap and concurrent issues queue on the row.
 */
@Entity('certificate_serial_counters')
export class CertificateSerialCounter {
  @PrimaryColumn({ type: 'uuid' })
  orgUnitId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
