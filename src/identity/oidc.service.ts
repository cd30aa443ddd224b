// Placeholder replaced by the OIDC implementation.
export class OidcService {
  constructor(readonly deps: unknown) {}
}
