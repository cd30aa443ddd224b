import { type FormEvent, useState } from "react";
import { call } from "../api/client";
import { ErrorNotice, Loading, PageHeading, SuccessNotice } from "../components/feedback";
import { useResource } from "../components/use-resource";
import { type MessageKey, t } from "../i18n";
import { useSession } from "../session";

/** Errors an OIDC login sends back as `/?login_error=CODE`. */
function loginErrorFromAddress(): string | null {
  const code = new URLSearchParams(location.search).get("login_error");
  if (!code) return null;
  const key = `auth.oidcError.${code}` as MessageKey;
  return t(key) === key ? t("auth.oidcError.other") : t(key);
}

/** Password sign-in, the configured OIDC provider (ProConnect), and the first administrator's creation. */
export function SignInPage() {
  const { signIn, expired } = useSession();
  const providers = useResource("GET /api/auth/providers");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const oidcError = loginErrorFromAddress();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="contenu" className="sign-in" tabIndex={-1}>
      <div className="sign-in-card">
        <p className="brand-name brand-large">{t("app.name")}</p>
        <PageHeading title={t("auth.title")} />
        <p>{t("auth.intro")}</p>
        {expired && (
          <div className="notice notice-info" role="status">
            {t("auth.expired")}
          </div>
        )}
        {oidcError && (
          <div className="notice notice-error" role="alert">
            {oidcError}
          </div>
        )}
        {providers.loading && <Loading />}
        {providers.data?.oidc && (
          <>
            <a className="button button-proconnect" href={providers.data.oidc.loginUrl}>
              {t("auth.oidc", { label: providers.data.oidc.label })}
            </a>
            <p className="separator">{t("auth.or")}</p>
          </>
        )}
        <form onSubmit={submit} className="form" noValidate>
          <div className="field">
            <label htmlFor="email">{t("auth.email")}</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t("auth.password")}</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error !== null && <ErrorNotice error={error} />}
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("auth.signingIn") : t("auth.signIn")}
          </button>
        </form>
        {providers.data?.firstAdministrator && <FirstAdministrator />}
      </div>
    </main>
  );
}

/** On a fresh installation: the one-time token printed at start creates the first administrator. */
function FirstAdministrator() {
  const { signIn } = useSession();
  const [form, setForm] = useState({ token: "", email: "", displayName: "", password: "" });
  const [error, setError] = useState<unknown>(null);
  // Created: signing in with the new account, or left to the form above when that failed.
  const [done, setDone] = useState<"signing-in" | "sign-in-yourself" | null>(null);
  const field = (name: keyof typeof form, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`bootstrap-${name}`}>{t(`bootstrap.${name}`)}</label>
      <input
        id={`bootstrap-${name}`}
        type={type}
        autoComplete={autoComplete}
        required
        value={form[name]}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      />
    </div>
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await call("POST /api/bootstrap", { body: form });
    } catch (caught) {
      setError(caught);
      return;
    }
    setDone("signing-in");
    // The account exists: its creator is signed in with it, without typing it again. Should
    // that fail (a network error), the sign-in form above is there.
    await signIn(form.email, form.password).catch(() => setDone("sign-in-yourself"));
  };
  return (
    <details className="bootstrap">
      <summary>{t("bootstrap.summary")}</summary>
      {done ? (
        <SuccessNotice>
          {t(done === "signing-in" ? "bootstrap.signingIn" : "bootstrap.done")}
        </SuccessNotice>
      ) : (
        <form onSubmit={submit} className="form" noValidate>
          <p className="hint">{t("bootstrap.hint")}</p>
          {field("token", "text", "off")}
          {field("email", "email", "username")}
          {field("displayName", "text", "name")}
          {field("password", "password", "new-password")}
          {error !== null && <ErrorNotice error={error} />}
          <button type="submit" className="button-secondary">
            {t("bootstrap.submit")}
          </button>
        </form>
      )}
    </details>
  );
}
