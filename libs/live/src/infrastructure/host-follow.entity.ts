import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A shopper follows a host (a streamer): the host's sessions come first on home, and going live notifies them. */
@Entity('host_follows')
export class HostFollowEntity {
  @PrimaryColumn('uuid') followerUserId!: string;
  @PrimaryColumn('uuid') hostUserId!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
