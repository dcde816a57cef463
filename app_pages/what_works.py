"""What works for you: which contacts answer this seeker, learned from their own outcomes (engine/learning.py)."""

from datetime import date

import streamlit as st

from app_pages.shared import learned, md, open_store, profile_of, settings_of
from engine.charts import effects_chart
from engine.learning import factor_sentences, quality_words, trust_sentence, window_from_rules

store = open_store()
today = date.today()


st.title("What works for you")
st.caption("Learned from your own outreach: which people answer you, and how sure Unstuck is about it. "
           "Everything stays on this machine.")

settings = settings_of(store)
model = learned(store, profile_of(store), settings, today)
window = window_from_rules(settings.rules)

if not model.enough_data:
    st.info(md(trust_sentence(model)), icon=":material/hourglass_top:")
    st.progress(min(model.n / model.min_total, 1.0),
                text=f"{model.n} of {model.min_total} labelled outreaches")
    st.caption(f"An outreach is labelled once the person answered (or declined), or once {window} business days "
               "passed without an answer. Keep logging replies, meetings and silences: Unstuck starts learning "
               "from them once there are enough of each.")
    st.stop()

if model.beats_base_rate:
    st.success(md(trust_sentence(model)), icon=":material/check_circle:")
else:
    st.warning(md(trust_sentence(model)), icon=":material/pending:")

cols = st.columns(2)
cols[0].metric("Labelled outreaches", model.n, help=f"Answered or declined, or silent for {window} business days")
cols[1].metric("Answered in time", f"{model.base_rate:.0%}",
               help=f"Of your labelled outreaches, the share answered with a reply, meeting or referral within "
                    f"{window} business days: the average a guess would predict. Progress counts everyone who ever "
                    "answered, a decline too, so its share of replies differs.")
if model.beats_base_rate:
    st.caption("Your ranking on Today now leans toward the people this history says are likelier to answer, "
               "and says why.")

with st.expander("The statistics behind this", icon=":material/functions:"):
    stats = st.columns(2)
    stats[0].metric("ROC AUC", f"{model.auc_mean:.2f} ± {model.auc_std:.2f}",
                    help=f"How well the model tells who replies from who does not, on outreaches it did not learn "
                         f"from ({model.folds}-fold cross-validation). 0.5 is guessing; 1 is perfect.")
    stats[1].metric("Brier score", f"{model.brier_mean:.2f}", f"{model.brier_mean - model.base_brier:+.2f} vs "
                    "guessing", delta_color="inverse",
                    help="Average squared error of the predicted reply chances: lower is better.")
    st.markdown(md(quality_words(model)))

st.subheader("What raises or lowers your reply chances")
with st.spinner("Weighing each factor on resampled outreaches…"):
    effects = model.effects  # the bootstrap runs on first reading, then the model keeps them
if effects.empty:
    st.info("Your labelled outreaches are too alike to compare yet: each kind of contact needs at least a few "
            "outreaches with it and a few without.", icon=":material/balance:")
    st.stop()
show_all = st.toggle("Describe every factor", key="insights_show_all")
st.altair_chart(effects_chart(effects), key="insights_chart")
st.caption("Each bar: how many percentage points the reply chance changes with the factor, all else as in your "
           "history. The line across it: where the change likely lies (95% of refits on resampled outreaches).")
sentences = factor_sentences(model, n=len(effects) if show_all else 3)
st.markdown("\n".join(f"- {md(sentence)}" for sentence in sentences))

with st.expander("How Unstuck learns this", icon=":material/school:"):
    st.markdown(
        f"Each outreach you logged counts once its outcome is known: a reply, meeting or referral within {window} "
        "business days is an answer; a decline, a closing or silence is not. A logistic regression learns the reply "
        "chance from what Unstuck knows about the person: closeness to your target, seniority, job family, how well "
        "you know them, referral, target company, where the contact came from, how long you have been connected, "
        "and how you reached out.\n\n"
        "It is tested on outreaches it did not learn from (cross-validation) and compared with always guessing "
        "your average reply rate. Only when it clearly does better does it move anyone up or down on Today.\n\n"
        "The people's details are today's: a title or a tie strength you changed since the outreach counts as it "
        "is now.")
