import { DemoTenants, DevToken, type Role } from '@baton/contracts';
import { SignJWT } from 'jose';

export interface MintedToken {
  token: string;
  expiresAt: Date;
}

/** Signs development tokens in the shape DevTokenVerifier accepts (and `npm run token` prints). */
export class DevTokenMinter {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async mint(o: { tenantId?: string; roles?: Role[]; sub?: string }): Promise<MintedToken> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expires = issuedAt + DevToken.ttlSeconds;
    const token = await new SignJWT({
      [DevToken.tenantClaim]: o.tenantId ?? DemoTenants.demo.id,
      [DevToken.rolesClaim]: o.roles ?? ['pmo-admin'],
    })
      .setProtectedHeader({ alg: DevToken.algorithm, typ: 'JWT' })
      .setIssuer(DevToken.issuer)
      .setAudience(DevToken.audience)
      .setSubject(o.sub ?? 'dev-user')
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(this.key);
    return { token, expiresAt: new Date(expires * 1000) };
  }
}
