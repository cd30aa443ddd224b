import { match } from "../../router";
import { useSession } from "../../session";
import { Forbidden, NotFound } from "../forbidden";
import { BasePage, type Section } from "./base-page";
import { BasesList } from "./bases-list";
import { CreateBase } from "./create-base";
import "./knowledge.css";

const SECTIONS: Record<string, Section> = {
  recherche: "search",
  aides: "aids",
  qualite: "quality",
  quarantaine: "quarantine",
  acces: "access",
};

/** Knowledge bases: `/bases`, `/bases/nouvelle`, `/bases/:id` and its sections. */
export default function KnowledgeArea(props: { path: string }) {
  const { can } = useSession();
  const { path } = props;
  if (match("/bases", path)) return <BasesList />;
  if (match("/bases/nouvelle", path))
    return can("knowledge:write") ? <CreateBase /> : <Forbidden />;
  const base = match("/bases/:id", path);
  if (base?.id) return <BasePage key={base.id} id={base.id} section="documents" />;
  const section = match("/bases/:id/:section", path);
  const name = section?.section && SECTIONS[section.section];
  if (section?.id && name) return <BasePage key={section.id} id={section.id} section={name} />;
  return <NotFound />;
}
